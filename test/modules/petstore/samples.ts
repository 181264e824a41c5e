/** A 1×1 PNG, and a pet body with a category, a tag and a photo URL. */
export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6300010000050001' + '0d0a2db40000000049454e44ae426082', 'hex')

export const petBody = (fields: Record<string, unknown> = {}) => ({
  name: 'doggie', photoUrls: ['https://example.test/a.jpg'], category: { id: 1, name: 'Dogs' }, tags: [{ name: 'tag1' }], status: 'available', ...fields
})
