// Package xlsxread opens a workbook someone uploaded (an account sheet, a
// reorganisation mapping, a link sheet) and hands over its sheets' rows,
// refusing what would cost more than the upload looks: a file over its
// size limit, a zip whose parts inflate too far, something that is not an
// .xlsx. Its errors say, in Vietnamese, what is wrong and how to fix it;
// the importers put them after their own sentinel errors. The plan
// importer reads its richer files itself (internal/planimport).
package xlsxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// maxPartBytes bounds one part of the workbook decompressed, and four of
// them the whole: an upload of a few megabytes never inflates into
// hundreds.
const maxPartBytes = 16 << 20

// EachSheet reads data, a workbook of at most maxBytes, and calls fn with
// each sheet's rows in the workbook's order until fn returns true. A
// sheet that cannot be read is skipped. The error, when the workbook
// cannot be read at all, is a sentence for people.
func EachSheet(data []byte, maxBytes int, fn func(rows [][]string) (done bool)) error {
	if len(data) > maxBytes {
		return fmt.Errorf("Tệp quá lớn (%d MB, giới hạn %d MB).", len(data)>>20, maxBytes>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return errors.New("Tệp không phải bảng tính Excel .xlsx. Hãy mở bằng Excel, “Lưu thành” .xlsx rồi tải lên.")
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > maxPartBytes || total > 4*maxPartBytes {
			return errors.New("Bảng tính giải nén ra quá lớn để đọc.")
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 4 * maxPartBytes, UnzipXMLSizeLimit: maxPartBytes})
	if err != nil {
		return errors.New("Bảng tính bị hỏng hoặc có mật khẩu. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên.")
	}
	defer f.Close()
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			continue
		}
		if fn(rows) {
			return nil
		}
	}
	return nil
}
