import { createHash } from 'node:crypto'
import t from 'tap'
import { build } from '../../helpers/build.js'
import { createUser } from '../../helpers/users.js'
import { blocks, GIF, JPEG, PNG, putImage, WEBP } from './graph-fixtures.js'

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

t.test('profile images', async (t) => {
  const app = await build(t, { PUBLIC_URL: 'https://api.example.test' })
  const [owner, other] = await Promise.all([createUser(app), createUser(app)])
  const imageUrl = `/api/users/${owner.username}/image`

  t.test('upload, serve with caching headers, revalidate, replace, delete', async (t) => {
    let res = await putImage(app, owner, PNG, 'image/png')
    t.equal(res.statusCode, 200)
    t.match(res.json(), { content_type: 'image/png', size: PNG.length, sha256: sha(PNG), image_url: `https://api.example.test${imageUrl}?v=${sha(PNG).slice(0, 16)}` })
    t.equal((await app.inject({ url: `/api/users/${owner.username}`, headers: other.headers })).json().image_url, res.json().image_url, 'the profile links it')

    res = await app.inject({ url: imageUrl })
    t.equal(res.statusCode, 200, 'no token needed: an <img> sends none')
    t.same(res.rawPayload, PNG)
    t.equal(res.headers['content-type'], 'image/png')
    t.equal(res.headers.etag, `"${sha(PNG)}"`)
    t.equal(res.headers['cache-control'], 'public, max-age=86400')
    t.equal(res.headers.vary, 'Authorization')
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    res = await app.inject({ url: imageUrl, headers: { 'if-none-match': `W/"0000", "${sha(PNG)}"` } })
    t.equal(res.statusCode, 304)
    t.equal(res.rawPayload.length, 0)
    t.equal((await app.inject({ url: imageUrl, headers: { 'if-none-match': `"${sha(JPEG)}"` } })).statusCode, 200, 'another version: the bytes')

    res = await putImage(app, owner, WEBP, 'image/webp')
    t.equal(res.statusCode, 200)
    t.not(res.json().image_url, `https://api.example.test${imageUrl}?v=${sha(PNG).slice(0, 16)}`, 'a new image is a new URL')
    res = await app.inject({ url: `${imageUrl}?v=${sha(PNG).slice(0, 16)}`, headers: { 'if-none-match': `"${sha(PNG)}"` } })
    t.equal(res.statusCode, 200, 'the old version is not "not modified"')
    t.equal(res.headers['content-type'], 'image/webp')
    t.equal((await putImage(app, owner, JPEG, 'image/jpeg; charset=binary')).statusCode, 200, 'JPEG, with parameters on the type')

    t.equal((await app.inject({ method: 'DELETE', url: '/api/users/me/image', headers: owner.headers })).statusCode, 204)
    t.equal((await app.inject({ method: 'DELETE', url: '/api/users/me/image', headers: owner.headers })).statusCode, 204, 'idempotent')
    t.equal((await app.inject({ url: imageUrl })).statusCode, 404)
    t.equal((await app.inject({ url: `/api/users/${owner.username}`, headers: other.headers })).json().image_url, null)
  })

  t.test('what is not a PNG, JPEG or WebP: 415 with the error body; too large: 413', async (t) => {
    const refused = [
      { bytes: PNG, type: 'image/jpeg', why: 'a PNG labelled JPEG' },
      { bytes: Buffer.from('hello, I am text'), type: 'image/png', why: 'text labelled PNG' },
      { bytes: Buffer.from('hello, I am text'), type: 'text/plain', why: 'a text file' },
      { bytes: GIF, type: 'image/gif', why: 'a GIF' },
      { bytes: PNG, type: 'application/octet-stream', why: 'a PNG without its type' },
      { bytes: Buffer.from('{"$gt":""}'), type: 'application/json', why: 'JSON' }
    ]
    for (const { bytes, type, why } of refused) {
      const res = await putImage(app, owner, bytes, type)
      t.equal(res.statusCode, 415, why)
      t.match(res.json(), { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: String }, why)
    }
    let res = await putImage(app, owner, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'image/png')
    t.equal(res.statusCode, 413)
    t.match(res.json(), { statusCode: 413, code: 'BODY_TOO_LARGE' })
    t.equal((await putImage(app, owner, Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024 - PNG.length)]), 'image/png')).statusCode, 200, 'exactly 2 MiB is fine')
    res = await putImage(app, owner, Buffer.alloc(0), 'image/png')
    t.equal(res.statusCode, 400, 'empty')
    t.equal((await app.inject({ method: 'PUT', url: '/api/users/me/image', payload: PNG, headers: { 'content-type': 'image/png' } })).statusCode, 401)
    const { rows } = await app.pg.query<{ n: number }>('SELECT count(*)::int AS n FROM profile_images')
    t.equal(rows[0].n, 1, 'nothing refused was stored')
  })

  t.test('tokens and blocks on the image route', async (t) => {
    await putImage(app, owner, PNG, 'image/png')
    t.equal((await app.inject({ url: imageUrl, headers: other.headers })).statusCode, 200)
    t.equal((await app.inject({ url: imageUrl, headers: { authorization: 'Token nope' } })).statusCode, 401, 'a token sent is checked')
    await blocks(app, owner, other)
    t.equal((await app.inject({ url: imageUrl, headers: other.headers })).statusCode, 404, 'blocked: hidden')
    t.equal((await app.inject({ url: imageUrl, headers: owner.headers })).statusCode, 200, 'the owner still sees their own')
    t.equal((await app.inject({ url: `/api/users/${other.username}/image` })).statusCode, 404, 'no image')
    t.equal((await app.inject({ url: '/api/users/nobody_here/image' })).statusCode, 404)
    t.equal((await app.inject({ url: '/api/users/%24gt/image' })).statusCode, 400)
    t.equal((await app.inject({ url: `${imageUrl}?v=${'z'.repeat(70)}` })).statusCode, 400)
  })
})
