import neostandard from 'neostandard'

export default neostandard({
  ts: true,
  ignores: ['test/modules/petstore/generated/**', 'dist/**', 'coverage/**', '.data/**', '.tap/**', 'node_modules/**']
})
