package planimport

import (
	"fmt"
	"strings"

	"tiendo/internal/vntext"
)

// chooseTaskParts makes sure the outline has a part holding tasks. Parts
// are found by their titles when the outline is built (isTaskTitle); when
// none has such a title and no task table stands in the plan or its
// appendices, the part with the most task-like paragraphs is taken, with
// a warning naming it — other plans title it "TỔ CHỨC THỰC HIỆN" or
// "CÁC HOẠT ĐỘNG" and still list tasks.
func (p *parser) chooseTaskParts(o *outline, src *source, appendixTables bool) {
	if holdsTasks(o.root) || o.tables > 0 || appendixTables {
		return
	}
	var best *node
	bestN := 0
	for _, c := range o.root.children {
		if notTaskPart(c.title) {
			continue
		}
		if n := taskLike(c); n > bestN {
			best, bestN = c, n
		}
	}
	if best == nil {
		return
	}
	var mark func(n *node)
	mark = func(n *node) {
		n.tasks = true
		for _, c := range n.children {
			mark(c)
		}
	}
	mark(best)
	p.warnf(src, best.line, "không thấy mục nào mang tên “Nhiệm vụ…”, “Giải pháp…” hay “Phân công nhiệm vụ”: đã lấy mục %s “%s” (%d đoạn giống nhiệm vụ) làm phần nhiệm vụ, hãy kiểm tra lại",
		best.label, best.title, bestN)
}

// holdsTasks reports whether n or a section under it holds tasks.
func holdsTasks(n *node) bool {
	if n.tasks {
		return true
	}
	for _, c := range n.children {
		if holdsTasks(c) {
			return true
		}
	}
	return false
}

// notTaskPart reports the parts that never hold tasks, whatever they say:
// purpose, requirements, targets, viewpoints, grounds, assessment, funding.
func notTaskPart(title string) bool {
	f := trimTitleWords(vntext.Fold(title))
	for _, w := range []string{"muc dich", "muc tieu", "yeu cau", "quan diem", "can cu", "su can thiet", "danh gia", "thuc trang",
		"tinh hinh", "ket qua", "kinh phi", "nguon kinh phi", "nguon luc", "pham vi", "doi tuong", "hieu luc", "dieu khoan"} {
		if hasWordPrefix(f, w) {
			return true
		}
	}
	return false
}

// taskLike counts the paragraphs and items under n that read as tasks:
// starting with what is to be done, or naming who leads.
func taskLike(n *node) int {
	count := 0
	if n.kind != "" && n.kind != "part" && startsWithAction(n.title) {
		count++
	}
	for _, pa := range n.paras {
		text := pa.text
		if pa.mark.kind == markBullet {
			text = pa.mark.rest
		}
		f := vntext.Fold(text)
		if startsWithAction(text) || strings.Contains(f, "chu tri") {
			count++
		}
	}
	for _, c := range n.children {
		count += taskLike(c)
	}
	return count
}

// nothing is the error for files that hold neither a plan text nor an
// appendix of tasks: a decision alone, a workbook without a task table, a
// text with no numbering.
func (p *parser) nothing(all []*parts, cover []line) *Error {
	if cover != nil {
		what := "Quyết định"
		for _, l := range cover {
			if docTitle(l.text) == docCover {
				what = strings.ToUpper(l.text[:1]) + strings.ToLower(vntext.NFC(l.text)[1:])
				break
			}
		}
		return newError(CodeCoverOnly, nil, "Tệp là %s ban hành kế hoạch “kèm theo”, nhưng không có nội dung kế hoạch đó. "+
			"Hãy tải lên tệp có cả phần kế hoạch (thường nằm sau phần chữ ký của %s), hoặc tải kèm tệp kế hoạch và các phụ lục.", what, what)
	}
	for _, ps := range all {
		if ps.src.format == "xlsx" {
			return errMissingColumns(ps.src.closest, ps.src.closestSheet)
		}
	}
	for _, ps := range all {
		if len(ps.appendices) > 0 && ps.body == nil {
			return newError(CodeNoTasks, nil, "Phụ lục không có bảng nhiệm vụ: cần một bảng có cột “Nhiệm vụ” (hoặc “Nội dung”) và cột “Cơ quan chủ trì” (hoặc “Thời gian hoàn thành”). "+
				"Hãy kiểm tra đúng tệp phụ lục chưa, hoặc tải lên kèm văn bản kế hoạch.")
		}
	}
	return newError(CodeNoTasks, nil, "Không nhận ra nội dung kế hoạch: không có mục đánh số nào (I., II., 1., 1.1., a)…) và không có bảng nhiệm vụ. "+
		"Hãy kiểm tra đúng tệp kế hoạch chưa; nếu các mục dùng đánh số tự động của Word, hãy tải lên tệp .docx gốc thay vì bản chép ra.")
}

// noTasks is the error for a plan in which no task was found: it says
// which parts it read and why none held tasks, and what it looks for.
func (p *parser) noTasks(o *outline, apps []appendix, cover []line) *Error {
	var found []string
	if o != nil {
		for _, c := range o.root.children {
			found = append(found, fmt.Sprintf("mục %s “%s” (%s)", c.label, c.title, whyNoTasks(c, len(apps) > 0)))
		}
	}
	for i := range apps {
		a := &apps[i]
		name := appendixTitle(a)
		if name == "" {
			name = "phụ lục"
		}
		switch {
		case a.tables() > 0:
			found = append(found, fmt.Sprintf("“%s” (bảng có dòng tiêu đề nhưng không có dòng nhiệm vụ nào bên dưới)", name))
		default:
			found = append(found, fmt.Sprintf("“%s” (không có bảng nhiệm vụ)", name))
		}
	}
	if len(found) == 0 && cover != nil {
		return p.nothing(nil, cover)
	}
	msg := "Không tìm thấy nhiệm vụ nào."
	if len(found) > 0 {
		msg += " Đã đọc được: " + strings.Join(found, "; ") + "."
	}
	return newError(CodeNoTasks, nil, "%s Nhiệm vụ được nhận ra khi là các đoạn dưới mục có tên “Nhiệm vụ…”, “Giải pháp…”, “Nội dung…” hoặc “Phân công nhiệm vụ”, "+
		"hoặc các dòng của bảng có cột “Nhiệm vụ” và cột “Cơ quan chủ trì”. Hãy kiểm tra lại tệp, hoặc tải lên kèm phụ lục nhiệm vụ.", msg)
}

// whyNoTasks says why a part gave no task.
func whyNoTasks(n *node, haveAppendix bool) string {
	switch {
	case n.tasks && pointsToAppendix(n) && !haveAppendix:
		return "chỉ dẫn tới phụ lục nhưng không có phụ lục nào được tải lên kèm"
	case n.tasks:
		return "phần nhiệm vụ nhưng không có đoạn nào bên dưới"
	case notTaskPart(n.title):
		return "mục đích, mục tiêu, yêu cầu hoặc kinh phí: không phải phần nhiệm vụ"
	case len(n.paras) == 0 && len(n.children) == 0:
		return "không có nội dung"
	}
	return "không có đoạn nào giống nhiệm vụ"
}

// pointsToAppendix reports a section (or one under it) whose text sends
// the reader to an appendix.
func pointsToAppendix(n *node) bool {
	for _, pa := range n.paras {
		if pa.tbl == nil && isPointer(pa.text) {
			return true
		}
	}
	for _, c := range n.children {
		if pointsToAppendix(c) {
			return true
		}
	}
	return false
}
