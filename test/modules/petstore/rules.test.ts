import t from 'tap'
import { BadRequestError } from '../../../src/errors.js'
import { negotiate } from '../../../src/modules/petstore/content.js'
import { parseForm } from '../../../src/modules/petstore/form.js'
import { sniffImage } from '../../../src/modules/petstore/images.js'
import { assertDecimalIds, callsPerHour, splitList } from '../../../src/modules/petstore/rules.js'
import { PetIn } from '../../../src/modules/petstore/schemas.js'
import { parseXml, toXml, XML_ROOTS } from '../../../src/modules/petstore/xml.js'
import { PNG } from './samples.js'

const JSON_XML = ['application/json', 'application/xml']

t.test('content negotiation', async (t) => {
  t.equal(negotiate(undefined, JSON_XML), 'application/json', 'no Accept: JSON')
  t.equal(negotiate('*/*', JSON_XML), 'application/json')
  t.equal(negotiate('application/xml', JSON_XML), 'application/xml')
  t.equal(negotiate('application/xml, application/json', JSON_XML), 'application/xml', 'equal q: the earlier in the header')
  t.equal(negotiate('application/json;q=0.5, application/xml', JSON_XML), 'application/xml')
  t.equal(negotiate('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', JSON_XML), 'application/xml', 'a browser prefers XML')
  t.equal(negotiate('application/*', JSON_XML), 'application/json')
  t.equal(negotiate('application/xml;q=0, */*', JSON_XML), 'application/json', 'q=0 refuses')
  t.equal(negotiate('text/html', JSON_XML), null)
  t.equal(negotiate('application/xml', ['application/json']), null)
})

t.test('lists and ids', async (t) => {
  t.same(splitList(['available,pending', ' sold ', 'pending', '']), ['available', 'pending', 'sold'])
  t.equal(callsPerHour(300, 60_000), 18_000)
  t.doesNotThrow(() => assertDecimalIds({ petId: '12' }))
  for (const bad of ['1e3', '0x1', '1.0', ' 1', '']) t.throws(() => assertDecimalIds({ orderId: bad }), /must be a decimal integer/, bad)
})

t.test('form bodies become the schema\'s shape', async (t) => {
  t.same(parseForm('id=10&name=doggie&photoUrls=a&photoUrls=b&category[id]=1&category.name=Dogs&tags[0][name]=x&tags[1][id]=2', PetIn), {
    id: 10, name: 'doggie', photoUrls: ['a', 'b'], category: { id: 1, name: 'Dogs' }, tags: [{ name: 'x' }, { id: 2 }]
  })
  t.same(parseForm('name=x&photoUrls=only', PetIn), { name: 'x', photoUrls: ['only'] }, 'one value of an array field is a one-item array')
  t.same(parseForm('name=x&id=1.5', PetIn), { name: 'x', id: '1.5' }, 'what does not convert is left for validation')
  for (const bad of ['__proto__[x]=1', 'constructor.prototype=1', 'a[b][c][d]=1', 'tags[100][name]=x', 'name=x&name[a]=y']) {
    t.throws(() => parseForm(bad, PetIn), BadRequestError, bad)
  }
  t.throws(() => parseForm(Array.from({ length: 201 }, (_, i) => `f${i}=1`).join('&'), PetIn), BadRequestError, 'too many fields')
})

t.test('XML shapes follow the contract\'s annotations', async (t) => {
  const pet = { id: 1, name: 'a<b', category: { id: 2, name: 'Dogs' }, photoUrls: ['u1', 'u2'], tags: [{ id: 3, name: 't' }], status: 'available' }
  const xml = toXml(XML_ROOTS.pet, pet)
  t.equal(xml, '<?xml version="1.0" encoding="UTF-8"?><pet><id>1</id><name>a&lt;b</name><category><id>2</id><name>Dogs</name></category>' +
    '<photoUrls><photoUrl>u1</photoUrl><photoUrl>u2</photoUrl></photoUrls><tags><tag><id>3</id><name>t</name></tag></tags><status>available</status></pet>')
  t.same(parseXml(xml, XML_ROOTS.pet, PetIn), pet, 'parsing reads back what was written')
  t.match(toXml(XML_ROOTS.pets, [pet, pet]), /^<\?xml[^>]*><pets><pet>.*<\/pet><pet>.*<\/pet><\/pets>$/)
  t.equal(toXml(XML_ROOTS.pet, { ...pet, photoUrls: [], tags: [] }).includes('<photoUrls></photoUrls><tags></tags>'), true, 'empty lists stay wrapped')
  t.same(parseXml('<pet><name>x</name><photoUrls/></pet>', XML_ROOTS.pet, PetIn), { name: 'x', photoUrls: [] })
})

t.test('images are sniffed by their signature', async (t) => {
  t.equal(sniffImage(PNG), 'image/png')
  t.equal(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])), 'image/jpeg')
  t.equal(sniffImage(Buffer.from('GIF89a....')), 'image/gif')
  t.equal(sniffImage(Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')])), 'image/webp')
  t.equal(sniffImage(Buffer.from('<svg/>')), null)
  t.equal(sniffImage(Buffer.alloc(0)), null)
})
