// Package planimport turns the documents a province sends — a plan as
// plain text (TXT) or Word (DOCX), an appendix of tasks as Excel (XLSX) —
// into a plan.Draft the coordinator previews before anything is stored.
//
// It reads the numbering of Vietnamese administrative plans (I., 1., 4.1.,
// a), -, +), tolerates the skips and repeats real documents have and reports
// each as a warning in Vietnamese; it refuses what cannot be a plan (empty,
// binary, corrupt or oversized files, zip bombs) with an *Error whose
// message tells the user what to do. It never touches the database: the
// caller stores the Draft once the user confirms.
package planimport

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"tiendo/internal/agency"
	"tiendo/internal/plan"
)

// DefaultMaxBytes is the upload limit when Options.MaxBytes is 0: large
// enough for any plan with its appendices, small enough to refuse a
// mistaken 100 MB upload before reading it.
const DefaultMaxBytes = 20 << 20

// Options for Parse.
type Options struct {
	// Agencies is the register, for matching the agency names in the text.
	Agencies []agency.Agency
	// Mapping maps an unknown agency name as written (NFC; compared without
	// case or diacritics) to the agency ID the user chose for it.
	Mapping map[string]int64
	// MaxBytes is the upload limit; DefaultMaxBytes when 0.
	MaxBytes int64
}

// Warning is something the user should check in the preview: a skipped
// or repeated number, a deadline that could not be read, a missing date.
type Warning struct {
	Line    int    // 1-based paragraph (TXT line, DOCX paragraph) or XLSX row; 0 when not tied to one
	Message string // Vietnamese
}

// Result is what a document holds, ready for preview.
type Result struct {
	Format     string           // "txt", "docx" or "xlsx"
	Draft      plan.Draft       // the plan, its section tree and its tasks
	References []plan.Reference // every document the plan cites, once each
	Warnings   []Warning        // in document order; header warnings (Line 0) first
	// UnknownAgencies are agency names (XLSX cells, "Chủ trì:" lines) found
	// neither in the register nor in Options.Mapping, once each, in order.
	// The user must map them; the plan cannot be committed while any remain.
	UnknownAgencies []string
	// Regime is the reporting regime the plan sets (usually in its part
	// TỔ CHỨC THỰC HIỆN), nil when none was found.
	Regime *Regime
}

// parser holds the state of one Parse call.
type parser struct {
	asg   *assigner
	draft plan.Draft
	warns []Warning
	refs  refSet
}

// Parse reads a plan document or appendix. The format is decided by the
// content — a zip holding word/document.xml is DOCX, one holding
// xl/workbook.xml is XLSX, anything else must be UTF-8 text — and the
// filename's extension is only a hint for clearer errors. Every error is an
// *Error.
func Parse(filename string, data []byte, opts Options) (*Result, error) {
	limit := opts.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	if int64(len(data)) > limit {
		return nil, newError(CodeTooLarge, nil, "Tệp quá lớn (%s, giới hạn %s). Hãy bỏ bớt hình ảnh, tách phụ lục ra tệp riêng hoặc lưu văn bản dưới dạng .docx/.txt rồi tải lên lại.",
			mib(int64(len(data))), mib(limit))
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\ufeff")))) == 0 {
		return nil, newError(CodeEmpty, nil, "Tệp rỗng, không có nội dung để nhập. Hãy chọn tệp kế hoạch (.docx, .txt) hoặc phụ lục (.xlsx) có nội dung.")
	}
	p := &parser{asg: newAssigner(opts.Agencies, opts.Mapping)}
	ext := strings.ToLower(path.Ext(strings.ReplaceAll(filename, `\`, "/")))
	var res *Result
	var err *Error
	switch {
	case isZip(data):
		res, err = p.parseZip(data, ext)
	case bytes.HasPrefix(data, []byte(oleMagic)):
		err = newError(CodeUnsupported, nil, "Tệp Word/Excel đời cũ (.doc, .xls) hoặc tệp có đặt mật khẩu chưa đọc được. Hãy mở tệp bằng Word/Excel, bỏ mật khẩu nếu có, rồi “Lưu thành” .docx hoặc .xlsx và tải lên lại.")
	case bytes.HasPrefix(data, []byte("%PDF")):
		err = newError(CodeUnsupported, nil, "Tệp PDF chưa đọc được. Hãy tải lên bản Word (.docx) của kế hoạch, hoặc chép nội dung ra tệp văn bản .txt (UTF-8).")
	case bytes.HasPrefix(data, []byte(`{\rtf`)):
		err = newError(CodeUnsupported, nil, "Tệp RTF chưa đọc được. Hãy mở bằng Word rồi “Lưu thành” .docx và tải lên lại.")
	default:
		res, err = p.parseText(data, ext)
	}
	if err != nil {
		return nil, err
	}
	return res, nil
}

// oleMagic starts OLE compound files: Word 97–2003 (.doc), Excel (.xls),
// and Office files encrypted with a password.
const oleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

// parseText reads a plain-text plan. A file named .docx or .xlsx that turns
// out to be text is read as text (it was renamed), with a warning.
func (p *parser) parseText(data []byte, ext string) (*Result, *Error) {
	s, err := decodeText(data)
	if err != nil {
		switch ext {
		case ".docx", ".xlsx", ".docm", ".xlsm":
			return nil, newError(CodeCorrupt, nil, "Tệp có đuôi %s nhưng không phải tệp Office hợp lệ (không phải tệp nén ZIP): tệp bị hỏng hoặc bị đổi tên. Hãy mở lại bằng Word/Excel, lưu lại rồi tải lên.", ext)
		case ".doc", ".xls", ".pdf", ".odt", ".ods", ".rtf", ".jpg", ".jpeg", ".png":
			return nil, newError(CodeUnsupported, nil, "Định dạng %s chưa đọc được. Hãy tải lên kế hoạch dạng .docx hoặc .txt (UTF-8), phụ lục dạng .xlsx.", ext)
		}
		return nil, err
	}
	if ext == ".docx" || ext == ".xlsx" {
		p.warn(0, "tệp có đuôi %s nhưng nội dung là văn bản thuần: đã đọc như tệp .txt", ext)
	}
	return p.parseLines("txt", textLines(s))
}

// parseLines reads the paragraphs of a TXT or DOCX plan.
func (p *parser) parseLines(format string, lines []line) (*Result, *Error) {
	o := buildOutline(lines)
	if len(o.root.children) == 0 {
		return nil, newError(CodeNoTasks, nil, "Không nhận ra nội dung kế hoạch: không có mục đánh số nào (I., II., 1., 1.1., a)…). "+
			"Hãy kiểm tra đúng tệp kế hoạch chưa; nếu các mục dùng đánh số tự động của Word, hãy tải lên tệp .docx gốc thay vì bản chép ra.")
	}
	p.readHeader(o.header)
	p.warns = append(p.warns, o.warns...)
	used := lines[:o.used]
	found := p.citations(o, used)
	secs, raws := o.sections()
	p.draft.Sections = secs
	p.draft.Tasks = p.enrich(raws, found)
	countTasks(p.draft.Sections, p.draft.Tasks)
	if len(p.draft.Tasks) == 0 {
		p.warn(0, "không tìm thấy nhiệm vụ nào: cần một mục La Mã có tên “NHIỆM VỤ…”, “NHIỆM VỤ VÀ GIẢI PHÁP” hoặc “NỘI DUNG…”; các đoạn dưới mục đó là nhiệm vụ")
	}
	pl := &p.draft.Plan
	pl.Status = plan.PlanDraft
	pl.Replaces = findReplaces(used)
	regime := findRegime(o)
	if regime != nil {
		pl.ReportingRule = regime.Text
	}
	res := p.result(format)
	res.Regime = regime
	return res, nil
}

// citations reads the documents cited: by the whole document, once each,
// for Result.References; by the plan's own text (title block and the parts
// that are not tasks) for Draft.References, tasks keeping theirs. It
// returns what each line cites, so one-line tasks are not read twice.
func (p *parser) citations(o *outline, used []line) map[string][]plan.Reference {
	found := make(map[string][]plan.Reference, len(used))
	for _, l := range used {
		refs := plan.FindReferences(l.text)
		found[l.text] = refs
		p.refs.add(refs)
	}
	var own refSet
	for _, l := range o.header {
		own.add(found[l.text])
	}
	var walk func(n *node)
	walk = func(n *node) {
		if n.tasks {
			return
		}
		own.add(found[n.text])
		for _, p := range n.paras {
			own.add(found[p.text])
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	for _, c := range o.root.children {
		walk(c)
	}
	p.draft.References = own.list
	return found
}

// result assembles the Result; lists are never nil, so they encode as [].
func (p *parser) result(format string) *Result {
	slices.SortStableFunc(p.warns, func(a, b Warning) int { return a.Line - b.Line })
	res := &Result{
		Format:          format,
		Draft:           p.draft,
		References:      p.refs.list,
		Warnings:        p.warns,
		UnknownAgencies: p.asg.unknown,
	}
	if res.References == nil {
		res.References = []plan.Reference{}
	}
	if res.Warnings == nil {
		res.Warnings = []Warning{}
	}
	if res.UnknownAgencies == nil {
		res.UnknownAgencies = []string{}
	}
	return res
}
