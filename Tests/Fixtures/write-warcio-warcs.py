# Writes test.warc.gz (WARC/1.1) and test.warc (WARC/1.0) into the folder given,
# with warcio, and expected.json: warcio's own record offsets and each page's
# decoded body, for the Swift test to compare against. Run by Tests/ScourTests/WarcioWARCTests.swift.
import sys, io, gzip, zlib, json, base64

# What each page's body must decode to, by URI.
expected = {}
from warcio.warcwriter import WARCWriter
from warcio.statusandheaders import StatusAndHeaders
from warcio.archiveiterator import ArchiveIterator

def build(path, compress):
    with open(path, 'wb') as out:
        w = WARCWriter(out, gzip=compress, warc_version='1.1' if compress else '1.0')
        w.write_record(w.create_warcinfo_record(path, {'software': 'scour-test'}))
        def response(uri, status, headers, body, decoded=None, page=True):
            if page:
                expected[uri] = base64.b64encode(decoded if decoded is not None else body).decode()
            http = StatusAndHeaders(status, headers, protocol='HTTP/1.1')
            w.write_record(w.create_warc_record(uri, 'response', payload=io.BytesIO(body), http_headers=http))
        def request(uri):
            http = StatusAndHeaders('GET / HTTP/1.1', [('Host', 'example.org')], is_http_request=True)
            w.write_record(w.create_warc_record(uri, 'request', payload=io.BytesIO(b''), http_headers=http))
        request('http://example.org/plain')
        response('http://example.org/plain', '200 OK',
                 [('Content-Type', 'text/html; charset=utf-8'), ('Last-Modified', 'Wed, 01 May 2024 10:00:00 GMT')],
                 b'<html><title>Plain</title><p>plain page</p></html>')
        html = b'<html><title>Chunked</title><p>' + b'chunked body ' * 50 + b'</p></html>'
        def chunked(data):
            return b''.join(b'%x\r\n%s\r\n' % (len(data[i:i+100]), data[i:i+100]) for i in range(0, len(data), 100)) + b'0\r\n\r\n'
        response('http://example.org/chunked', '200 OK',
                 [('Content-Type', 'text/html'), ('Transfer-Encoding', 'chunked')], chunked(html), html)
        # Chunked and gzipped, as a server streaming compressed pages sends it (and wget stores it).
        both = b'<html><title>Both</title><p>' + b'chunked and compressed ' * 40 + b'</p></html>'
        response('http://example.org/chunked-gzip', '200 OK',
                 [('Content-Type', 'text/html'), ('Content-Encoding', 'gzip'), ('Transfer-Encoding', 'chunked')],
                 chunked(gzip.compress(both)), both)
        page = b'<html><title>Gzipped</title><p>' + b'compressed words ' * 40 + b'</p></html>'
        response('http://example.org/gzipped', '200 OK',
                 [('Content-Type', 'text/html; charset=UTF-8'), ('Content-Encoding', 'gzip')], gzip.compress(page), page)
        text = b'deflated plain text ' * 30
        response('http://example.org/deflated', '200 OK',
                 [('Content-Type', 'text/plain'), ('Content-Encoding', 'deflate')], zlib.compress(text), text)
        response('http://example.org/latin1', '200 OK',
                 [('Content-Type', 'text/html; charset="windows-1252"')],
                 b'<html><title>Caf\xe9</title><p>Caf\xe9 cr\xe8me br\xfbl\xe9e</p></html>')
        response('http://example.org/photo.jpg', '200 OK', [('Content-Type', 'image/jpeg')], b'\xff\xd8\xff\xe0' + bytes(range(256)) * 8, page=False)
        response('http://example.org/report.pdf', '200 OK', [('Content-Type', 'application/pdf')], b'%PDF-1.4 fake', page=False)
        response('http://example.org/notype', '200 OK', [], b'<html><title>No type</title><p>sniff me</p></html>')
        response('http://example.org/gone', '410 Gone', [('Content-Type', 'text/html')], b'<html>gone</html>', page=False)
        big = b'<html><title>Big</title><p>' + b'x' * (3 * 1024 * 1024) + b'</p></html>'
        response('http://example.org/big', '200 OK', [('Content-Type', 'text/html')], big)
        http = StatusAndHeaders('200 OK', [('Content-Type', 'text/html; charset=utf-8')], protocol='HTTP/1.1')
        w.write_record(w.create_revisit_record('http://example.org/plain-again', digest='sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
                                               refers_to_uri='http://example.org/plain', refers_to_date='2024-05-01T10:00:00Z',
                                               http_headers=http))
        saved = b'<html><title>Resource</title><p>stored as a resource</p></html>'
        expected['http://example.org/saved.html'] = base64.b64encode(saved).decode()
        w.write_record(w.create_warc_record('http://example.org/saved.html', 'resource', payload=io.BytesIO(saved),
                                            warc_content_type='text/html'))
        w.write_record(w.create_warc_record('http://example.org/plain', 'metadata',
                                            payload=io.BytesIO(b'outlink: http://example.org/a\r\n'),
                                            warc_content_type='application/warc-fields'))
    with open(path, 'rb') as f:
        it = ArchiveIterator(f)
        offsets = [[r.rec_type, r.rec_headers.get_header('WARC-Target-URI'), it.get_record_offset()] for r in it]
    return offsets

offsets = {}
for name, compress in [('test.warc.gz', True), ('test.warc', False)]:
    offsets[name] = build(sys.argv[1] + '/' + name, compress)
with open(sys.argv[1] + '/expected.json', 'w') as f:
    json.dump({'offsets': offsets, 'bodies': expected}, f)
