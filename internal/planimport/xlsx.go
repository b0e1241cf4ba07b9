package planimport

import (
	"archive/zip"
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/plan"
	"tiendo/internal/vntext"
)

// Bounds on what is read of one sheet: an appendix has hundreds of rows
// and a dozen columns at most, and a merge over a whole sheet must not
// become millions of cells.
const (
	maxSheetRows     = 20000
	maxSheetCols     = 64
	maxXLSXPartBytes = 16 << 20
)

// sheet is a worksheet read into memory, merged cells filled in.
type sheet struct {
	name   string
	cells  [][]string     // [row][col], cleaned, NFC
	origin map[[2]int]int // merged cell (row, col) → index in merges of its range
	merges []excelize.MergeCell
}

// parseXLSX reads an appendix of tasks: the first sheet with a recognisable
// header; Roman-numbered and title-only rows become sections, numbered
// rows tasks with their lead and cooperating agencies, deadline and product.
//
// excelize decodes whole worksheets into memory, many times their XML size,
// so parts are held to maxXLSXPartBytes — far above any appendix — and the
// limits passed to excelize keep it from spilling to temporary files.
func (p *parser) parseXLSX(zr *zip.Reader, data []byte) (*Result, *Error) {
	for _, f := range zr.File {
		if f.UncompressedSize64 > maxXLSXPartBytes {
			return nil, newError(CodeTooLarge, nil, "Bảng tính quá lớn để nhập (phần %s giải nén ra %s, giới hạn %s). Hãy để bảng nhiệm vụ ở một tệp riêng, bỏ các trang tính không cần, rồi tải lên.",
				f.Name, mib(int64(f.UncompressedSize64)), mib(maxXLSXPartBytes))
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxTotalBytes, UnzipXMLSizeLimit: maxXLSXPartBytes})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) || errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, newError(CodeUnsupported, err, "Bảng tính có đặt mật khẩu hoặc ở định dạng chưa đọc được. Hãy bỏ mật khẩu, “Lưu thành” .xlsx rồi tải lên lại.")
		}
		return nil, newError(CodeCorrupt, err, "Bảng tính Excel bị hỏng, không mở được. Hãy mở bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên.")
	}
	defer f.Close()
	closest, closestSheet := rowRoles(nil), ""
	for _, name := range f.GetSheetList() {
		sh, err := readSheet(f, name)
		if err != nil {
			return nil, newError(CodeCorrupt, err, "Không đọc được trang tính “%s” của bảng tính. Hãy mở bằng Excel, lưu lại rồi tải lên.", name)
		}
		h, ok := findHeader(sh.cells)
		if ok {
			return p.readTable(f, sh, h)
		}
		if h.count() > closest.count() {
			closest, closestSheet = h, name
		}
	}
	return nil, errMissingColumns(closest, closestSheet)
}

func errMissingColumns(h header, sheetName string) *Error {
	missing := strings.Join(h.missing(requiredColumns...), ", ")
	found := "Không thấy cột nào có tên quen thuộc trong 12 dòng đầu của các trang tính."
	if h.count() > 0 {
		found = "Đã thấy các cột: " + strings.Join(h.found(), ", ") + " (trang tính “" + sheetName + "”, dòng " + strconv.Itoa(h.first+1) + ")."
	}
	return newError(CodeMissingColumns, nil, "Bảng tính thiếu cột cần thiết: %s. %s Hãy đặt tên cột ở một dòng tiêu đề trong 10 dòng đầu, ví dụ: "+
		"STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm (thứ tự cột tùy ý).", missing, found)
}

// readSheet reads a sheet's formatted values and spreads each merged range's
// value over all its cells, as a person reading the table would. Merges
// reaching beyond the data (a whole column merged) are clipped to it.
func readSheet(f *excelize.File, name string) (*sheet, error) {
	rows, err := f.GetRows(name)
	if err != nil {
		return nil, err
	}
	rows = rows[:min(len(rows), maxSheetRows)]
	sh := &sheet{name: name, cells: make([][]string, len(rows)), origin: map[[2]int]int{}}
	width := 0
	for r, row := range rows {
		row = row[:min(len(row), maxSheetCols)]
		sh.cells[r] = make([]string, len(row))
		for c, v := range row {
			sh.cells[r][c] = cleanCell(v)
		}
		width = max(width, len(row))
	}
	merges, err := f.GetMergeCells(name)
	if err != nil {
		return nil, err
	}
	sh.merges = merges
	for i, m := range merges {
		c0, r0, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c1, r1, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := cleanCell(m.GetCellValue())
		for r := r0 - 1; r < min(r1, len(rows)); r++ {
			for c := c0 - 1; c < min(c1, width); c++ {
				for len(sh.cells[r]) <= c {
					sh.cells[r] = append(sh.cells[r], "")
				}
				sh.cells[r][c] = v
				sh.origin[[2]int{r, c}] = i
			}
		}
	}
	return sh, nil
}

// cleanCell normalises a cell like a line of text, keeping the line breaks
// people put inside cells (Alt+Enter).
func cleanCell(v string) string {
	if v == "" {
		return ""
	}
	var out []string
	for l := range strings.SplitSeq(strings.ReplaceAll(v, "\r", ""), "\n") {
		if t := cleanLine(l); t != "" {
			out = append(out, t)
		}
	}
	return strings.Join(out, "\n")
}

// tableReader holds the state of reading the rows under the header.
type tableReader struct {
	p      *parser
	f      *excelize.File
	sh     *sheet
	h      header
	part   int         // current part (Roman row), -1 when none
	group  int         // current group under it, -1 when none
	gstt   string      // the group's STT when numbered ("1" heads "1.1", "1.2")
	last   int         // last Roman number seen
	ords   map[int]int // sections per parent
	tords  map[int]int // tasks per section
	labels map[string]bool
	own    refSet // documents the title rows cite
}

func (p *parser) readTable(f *excelize.File, sh *sheet, h header) (*Result, *Error) {
	t := &tableReader{p: p, f: f, sh: sh, h: h, part: -1, group: -1, ords: map[int]int{}, tords: map[int]int{}, labels: map[string]bool{}}
	t.readTitle()
	p.draft.References = t.own.list
	if m := h.missing(colCoop, colDeadline, colProduct); len(m) > 0 {
		p.warn(h.first+1, "bảng không có cột %s: các thông tin này để trống, hãy bổ sung sau khi nhập", strings.Join(m, ", "))
	}
	rows := sh.cells
	for r := h.last + 1; r < len(rows); r++ {
		t.row(r)
	}
	if len(p.draft.Tasks) == 0 {
		return nil, newError(CodeNoTasks, nil, "Bảng ở trang tính “%s” có dòng tiêu đề (dòng %d) nhưng không có dòng nhiệm vụ nào bên dưới. Hãy kiểm tra lại tệp phụ lục.", sh.name, h.first+1)
	}
	countTasks(p.draft.Sections, p.draft.Tasks)
	p.draft.Plan.Status = plan.PlanDraft
	return p.result("xlsx"), nil
}

var (
	// "(Kèm theo Kế hoạch số 60/KH-UBND ngày 25/02/2025 của UBND tỉnh)"
	attachedToRe = regexp.MustCompile(`(?i)kế\s+hoạch\s+số\s+([0-9][^\s,;()]*)(?:\s+ngày\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}))?`)
	romanSTTRe   = regexp.MustCompile(`^[IVX]+\.?$`)
	numberSTTRe  = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3})*\.?$`)
)

// readTitle takes the rows above the header as the appendix's title
// ("PHỤ LỤC …", "DANH MỤC NHIỆM VỤ …") and reads the plan it is attached to
// from "(Kèm theo Kế hoạch số … ngày …)".
func (t *tableReader) readTitle() {
	pl := &t.p.draft.Plan
	var title []string
	for r := 0; r < t.h.first; r++ {
		var prev string
		for _, v := range t.sh.cells[r] {
			if v == "" || v == prev {
				continue
			}
			prev = v
			refs := plan.FindReferences(v)
			t.p.refs.add(refs)
			t.own.add(refs)
			if strings.Contains(vntext.Fold(v), "kem theo") {
				if m := attachedToRe.FindStringSubmatch(v); m != nil {
					pl.Code = strings.TrimRight(m[1], ".")
					if m[2] != "" {
						d, _ := strconv.Atoi(m[2])
						mo, _ := strconv.Atoi(m[3])
						y, _ := strconv.Atoi(m[4])
						if tm := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC); tm.Day() == d && int(tm.Month()) == mo {
							pl.IssuedOn = tm
						}
					}
				}
				continue
			}
			if !isNationalMotto(v) {
				title = append(title, strings.ReplaceAll(v, "\n", " "))
			}
		}
	}
	pl.Title = strings.Join(title, " ")
	if pl.Title == "" {
		t.p.warn(0, "không thấy tên phụ lục ở các dòng trên dòng tiêu đề: hãy nhập tên kế hoạch")
	}
	if pl.Code == "" {
		t.p.warn(0, "không thấy số, ký hiệu của kế hoạch (dòng “Kèm theo Kế hoạch số …”): hãy nhập số, ký hiệu trước khi xác nhận")
	}
	if pl.IssuedOn.IsZero() {
		t.p.warn(0, "không thấy ngày ban hành của kế hoạch: hãy nhập ngày ban hành trước khi xác nhận")
	}
}

func (t *tableReader) cell(r int, c column) string {
	i := t.h.cols[c]
	if i < 0 || i >= len(t.sh.cells[r]) {
		return ""
	}
	return t.sh.cells[r][i]
}

// row reads one data row (r is 0-based; warnings give the Excel row r+1).
func (t *tableReader) row(r int) {
	line := r + 1
	stt := strings.TrimSpace(t.cell(r, colSTT))
	text := t.cell(r, colTask)
	lead, coop, dl, prod := t.cell(r, colLead), t.cell(r, colCoop), t.cell(r, colDeadline), t.cell(r, colProduct)
	values := []string{stt, text, lead, coop, dl, prod}
	if strings.Join(values, "") == "" || columnNumbers(t.sh.cells[r]) || t.h.repeatsHeader(t.sh.cells[r]) {
		return
	}
	// A title merged across the row fills every cell with the same text.
	if v, ok := uniform(values); ok {
		if m := classify(v); m.kind == markRoman {
			t.openPart(line, m.comps[0], m.rest)
		} else if m.kind == markDecimal && len(m.comps) == 1 {
			t.openGroup(line, m.number, m.rest)
		} else {
			t.openGroup(line, "", v)
		}
		return
	}
	bare := lead == "" && coop == "" && dl == "" && prod == ""
	switch {
	case romanSTTRe.MatchString(stt):
		if v, ok := romanValue(strings.TrimSuffix(stt, ".")); ok {
			t.openPart(line, v, firstNonEmpty(text, lead, coop, dl, prod))
			return
		}
	case bare && text != "" && numberSTTRe.MatchString(stt) && t.headsNumbered(r, strings.TrimSuffix(stt, ".")):
		t.openGroup(line, strings.TrimSuffix(stt, "."), text)
		t.gstt = strings.TrimSuffix(stt, ".")
		return
	case bare && text != "" && !numberSTTRe.MatchString(stt):
		t.openGroup(line, "", text)
		return
	}
	if text == "" {
		t.p.warn(line, "dòng có thông tin nhưng ô Nhiệm vụ để trống: dòng bị bỏ qua")
		return
	}
	// "2" after group "1" and its "1.1", "1.2" is no longer in that group.
	if t.gstt != "" && stt != "" && !strings.HasPrefix(stt, t.gstt+".") {
		t.group, t.gstt = -1, ""
	}
	t.task(r, text, lead, coop, dl, prod)
}

// headsNumbered reports whether the next data row's STT continues this one
// ("1" followed by "1.1"): then a row with no assignment is a group title.
func (t *tableReader) headsNumbered(r int, stt string) bool {
	for n := r + 1; n < len(t.sh.cells); n++ {
		next := strings.TrimSpace(t.cell(n, colSTT))
		if next == "" && t.cell(n, colTask) == "" {
			continue
		}
		return strings.HasPrefix(next, stt+".")
	}
	return false
}

func (t *tableReader) openPart(line, v int, title string) {
	if msg := romanOddity(t.last, v); msg != "" {
		t.p.warn(line, "%s", msg)
	}
	t.last = v
	t.part = t.addSection(-1, plan.KindPart, toRoman(v), toRoman(v), title)
	t.group, t.gstt = -1, ""
}

func (t *tableReader) openGroup(line int, number, title string) {
	secs := t.p.draft.Sections
	if number == "" {
		number = strconv.Itoa(t.ords[t.part] + 1)
	}
	label := number
	if t.part >= 0 {
		label = secs[t.part].Label + "." + number
	}
	t.group = t.addSection(t.part, plan.KindGroup, number, label, title)
	t.gstt = ""
}

// addSection appends a section, its label made unique like the outline's.
func (t *tableReader) addSection(parent int, kind plan.SectionKind, number, label, title string) int {
	unique := label
	for i := 2; t.labels[unique]; i++ {
		unique = label + "-" + strconv.Itoa(i)
	}
	t.labels[unique] = true
	t.ords[parent]++
	secs := &t.p.draft.Sections
	*secs = append(*secs, plan.DraftSection{Parent: parent, Section: plan.Section{
		Kind: kind, Number: number, Label: unique, Title: strings.ReplaceAll(title, "\n", " "), Ord: t.ords[parent], HoldsTasks: true,
	}})
	return len(*secs) - 1
}

// task adds a task row. The table's own columns are authoritative; agencies
// named in the task text only fill what the columns leave empty.
func (t *tableReader) task(r int, text, lead, coop, dl, prod string) {
	line := r + 1
	p := t.p
	sec := t.group
	if sec < 0 {
		sec = t.part
	}
	if sec < 0 {
		t.part = t.addSection(-1, plan.KindPart, "", "PL", t.sh.name)
		sec = t.part
	}
	t.tords[sec]++
	task := plan.DraftTask{Section: sec, Task: plan.Task{Ord: t.tords[sec], Text: text, Product: prod}}
	task.Title = plan.TitleFromText(text)
	task.References = plan.FindReferences(text)
	p.refs.add(task.References)
	p.asg.mentions(&task.Task)
	var cols []int64 // cooperating agencies from the columns
	if lead != "" {
		id, extra := p.asg.lead(lead)
		task.LeadAgencyID = id // 0 when unknown: the user maps the name, never the text's guess
		if len(extra) > 0 {
			p.warn(line, "ô Cơ quan chủ trì ghi nhiều cơ quan: cơ quan đầu tiên được lấy làm chủ trì, các cơ quan còn lại là phối hợp")
		}
		cols = extra
	}
	if coop != "" {
		cols = append(cols, p.asg.list(coop)...)
	}
	if coop != "" || len(cols) > 0 {
		task.CooperatingAgencyIDs = cols
	}
	if dl != "" {
		task.Deadline = p.deadline(line, t.dateCell(r, dl))
	} else if d, ok := plan.FindDeadline(text); ok {
		task.Deadline = d
	}
	settle(&task.Task)
	p.draft.Tasks = append(p.draft.Tasks, task)
}

// dateCell turns a deadline cell that Excel stores as a date serial into
// dd/mm/yyyy: its displayed form depends on the file's number format
// ("06-30-25" under the built-in m-d-yy) and cannot be trusted.
func (t *tableReader) dateCell(r int, shown string) string {
	if strings.Trim(shown, "0123456789/-. ") != "" || !strings.ContainsAny(shown, "/-") {
		return shown
	}
	axis, err := excelize.CoordinatesToCellName(t.h.cols[colDeadline]+1, r+1)
	if err != nil {
		return shown
	}
	if i, ok := t.sh.origin[[2]int{r, t.h.cols[colDeadline]}]; ok {
		axis = t.sh.merges[i].GetStartAxis()
	}
	raw, err := t.f.GetCellValue(t.sh.name, axis, excelize.Options{RawCellValue: true})
	if err != nil || raw == shown {
		return shown
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil || serial < 1 || serial > 2958465 {
		return shown
	}
	d, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		return shown
	}
	return d.Format("02/01/2006")
}

// uniform reports a row whose non-empty cells all hold the same text (at
// least two of them): a title merged across the table.
func uniform(values []string) (string, bool) {
	v, n := "", 0
	for _, s := range values {
		if s == "" {
			continue
		}
		if n > 0 && s != v {
			return "", false
		}
		v = s
		n++
	}
	return v, n >= 2
}

// columnNumbers reports the row of column numbers many tables put under
// the header: "(1) (2) (3) …" or "1 2 3 …".
func columnNumbers(row []string) bool {
	n := 0
	for _, v := range row {
		if v == "" {
			continue
		}
		v = strings.Trim(v, "() ")
		if _, err := strconv.Atoi(v); err != nil {
			return false
		}
		n++
	}
	return n >= 3
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
