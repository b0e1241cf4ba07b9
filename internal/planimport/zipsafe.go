package planimport

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"
)

// Limits on what a DOCX or XLSX may decompress to. A real plan's
// document.xml is a few MB; a 200-page one stays under 30 MB. A zip bomb is
// refused from its declared sizes before anything is inflated, and, since
// headers can lie, again while reading, through a counting reader.
const (
	maxZipEntries  = 5000
	maxPartBytes   = 64 << 20  // one part, decompressed
	maxTotalBytes  = 128 << 20 // all parts, decompressed
	maxRatio       = 100       // decompressed / compressed, for parts over ratioFloor
	ratioFloor     = 8 << 20   // smaller parts may compress as they like
	prologScanSize = 2048      // bytes of each XML part searched for a DOCTYPE
)

func isZip(data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

func extNote(ext string) string {
	if ext == "" {
		return ""
	}
	return " (" + ext + ")"
}

// zipFile finds a part by name, as Office does: case-insensitively.
func zipFile(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, `\`, "/"), name) {
			return f
		}
	}
	return nil
}

// checkZip refuses archives that would decompress to far more than any plan
// (declared sizes and compression ratio), encrypted parts, and XML parts
// that declare a DOCTYPE: Office never writes one, and entity declarations
// are how XML bombs work. Nothing is ever fetched — encoding/xml does not
// resolve external entities — but a clear refusal beats a silent oddity.
func checkZip(zr *zip.Reader) *Error {
	if len(zr.File) > maxZipEntries {
		return errZipBomb("có %d tệp con", len(zr.File))
	}
	var total uint64
	for _, f := range zr.File {
		size := f.UncompressedSize64
		total += size
		if size > maxPartBytes || total > maxTotalBytes {
			return errZipBomb("giải nén ra %s", mib(int64(min(total, 1<<62))))
		}
		if size > ratioFloor && size/max(f.CompressedSize64, 1) > maxRatio {
			return errZipBomb("%s nén thành %s", mib(int64(size)), mib(int64(f.CompressedSize64)))
		}
		if f.Flags&0x1 != 0 {
			return newError(CodeUnsupported, nil, "Tệp có đặt mật khẩu (mã hóa) nên không đọc được. Hãy bỏ mật khẩu trong Word/Excel, lưu lại rồi tải lên.")
		}
	}
	for _, f := range zr.File {
		name := strings.ToLower(f.Name)
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return errCorruptPart(f.Name, err)
		}
		head, err := io.ReadAll(io.LimitReader(rc, prologScanSize))
		rc.Close()
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return errCorruptPart(f.Name, err)
		}
		if hasDoctype(head) {
			return errDoctype(f.Name)
		}
	}
	return nil
}

func hasDoctype(b []byte) bool {
	b = bytes.ToUpper(b)
	return bytes.Contains(b, []byte("<!DOCTYPE")) || bytes.Contains(b, []byte("<!ENTITY"))
}

func errZipBomb(format string, args ...any) *Error {
	e := newError(CodeZipBomb, nil, format, args...)
	e.Message = "Tệp bị từ chối vì dung lượng giải nén bất thường (" + e.Message + "), có thể là tệp độc hại (“zip bomb”). " +
		"Kế hoạch thật không lớn như vậy: hãy mở tệp gốc bằng Word/Excel, lưu lại rồi tải lên."
	return e
}

func errDoctype(part string) *Error {
	return newError(CodeCorrupt, nil, "Tệp chứa khai báo DOCTYPE/ENTITY trong phần %s: tài liệu Word/Excel bình thường không có khai báo này, nên tệp bị từ chối vì lý do an toàn. Hãy mở bằng Word/Excel, lưu lại rồi tải lên.", part)
}

func errCorruptPart(part string, cause error) *Error {
	return newError(CodeCorrupt, cause, "Tệp bị hỏng: không đọc được phần %s bên trong. Hãy mở tệp bằng Word/Excel, lưu lại rồi tải lên.", part)
}

// errInflateLimit is returned by boundedReader past its limit.
var errInflateLimit = errors.New("planimport: decompressed part over the limit")

// boundedReader reads a zip part and fails once more than limit bytes have
// come out of the decompressor, whatever the header declared.
type boundedReader struct {
	r     io.Reader
	left  int64
	total int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, errInflateLimit
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	b.total += int64(n)
	return n, err
}

// openPart opens a zip part for streaming, bounded by maxPartBytes.
func openPart(f *zip.File) (io.ReadCloser, *boundedReader, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, nil, err
	}
	return rc, &boundedReader{r: rc, left: maxPartBytes}, nil
}

// readError turns an error met while decompressing part f into an *Error:
// more data than the limit, or than the header declared (archive/zip says
// ErrFormat then), is a zip bomb; anything else is corruption.
func readError(f *zip.File, br *boundedReader, err error) *Error {
	if errors.Is(err, errInflateLimit) || errors.Is(err, zip.ErrFormat) {
		return errZipBomb("phần %s giải nén ra hơn %s", f.Name, mib(br.total))
	}
	return errCorruptPart(f.Name, err)
}
