package planimport

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"tiendo/internal/plan"
)

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// numberingXML: one list for headings (I. / 1. / 1.1. / a)) and a bullet list.
const numberingXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:pStyle w:val="Heading1"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`

// stylesXML: Heading1 is numbered through its style, level from the list.
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1Bold"><w:basedOn w:val="Heading1"/></w:style>
</w:styles>`

func numbered(numID, ilvl, text string) string {
	return `<w:p><w:pPr><w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

func styled(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>` + text + `</w:t></w:r></w:p>`
}

func tc(paras ...string) string { return `<w:tc><w:tcPr/>` + wordParas(paras...) + `</w:tc>` }

// TestDOCXAsWordWritesIt: a plan as Word saves it — header in a table,
// runs split mid-word, automatic numbering from numbering.xml and styles,
// a tab, a line break, tracked changes, a text box, a task table and the
// "Nơi nhận" table — reads into the expected tree.
func TestDOCXAsWordWritesIt(t *testing.T) {
	body := `<w:tbl><w:tblPr/><w:tblGrid/>` +
		`<w:tr>` + tc("ỦY BAN NHÂN DÂN", "TỈNH CÀ MAU") + tc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc") + `</w:tr>` +
		`<w:tr>` + tc("Số: 60/KH-UBND") + tc("Cà Mau, ngày 25 tháng 02 năm 2025") + `</w:tr></w:tbl>` +
		`<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">KẾ </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>HOẠCH</w:t></w:r></w:p>` +
		wordParas("Triển khai Nghị quyết số 57-NQ/TW\nvề chuyển đổi số") +
		styled("Heading1", "MỤC ĐÍCH, YÊU CẦU") +
		numbered("1", "1", "Mục đích") +
		wordParas("Quán\ttriệt nghị quyết.") +
		numbered("2", "0", "Phát huy sức mạnh.") +
		styled("Heading1Bold", "NHIỆM VỤ VÀ GIẢI PHÁP") +
		numbered("1", "1", "Hạ tầng số") +
		numbered("1", "2", "Trung tâm dữ liệu") +
		`<w:p><w:r><w:t xml:space="preserve">Nâng cấp trung tâm dữ liệu </w:t></w:r>` +
		`<w:del w:id="1"><w:r><w:delText>cũ </w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>tỉnh.</w:t></w:r></w:ins>` +
		`<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>` + wordParas("DỰ THẢO") + `</w:txbxContent></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><w:txbxContent>` + wordParas("DỰ THẢO") + `</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		numbered("1", "3", "Ban hành quy chế khai thác dữ liệu") +
		numbered("1", "3", "Tập huấn an toàn thông tin") +
		numbered("1", "1", "Nhân lực số") +
		`<w:tbl><w:tblPr/>` +
		`<w:tr>` + tc("STT") + tc("Nội dung nhiệm vụ") + tc("Cơ quan chủ trì") + tc("Cơ quan phối hợp") + tc("Thời hạn") + `</w:tr>` +
		`<w:tr>` + tc("(1)") + tc("(2)") + tc("(3)") + tc("(4)") + tc("(5)") + `</w:tr>` +
		`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="5"/></w:tcPr>` + wordParas("Nhóm đào tạo") + `</w:tc></w:tr>` +
		`<w:tr>` + tc("1") + tc("Đào tạo kỹ năng số", "cho cán bộ") + `<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>` + wordParas("Sở Nội vụ") + `</w:tc>` + tc("Sở Tài chính") + tc("Quý IV/2025") + `</w:tr>` +
		`<w:tr>` + tc("2") + tc("Thu hút chuyên gia") + `<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>` + tc("") + tc("năm 2026") + `</w:tr>` +
		`</w:tbl>` +
		styled("Heading1", "TỔ CHỨC THỰC HIỆN") +
		wordParas("Định kỳ hằng quý báo cáo Sở Khoa học và Công nghệ trước ngày 15 tháng cuối quý.") +
		`<w:tbl><w:tr>` + tc("Nơi nhận:", "- Như trên;", "- Lưu: VT.") + tc("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH") + `</w:tr></w:tbl>`
	data := buildDOCX(t, body, docxPart{"word/numbering.xml", numberingXML}, docxPart{"word/styles.xml", stylesXML})
	res, err := Parse("ke-hoach.docx", data, Options{Agencies: testAgencies()})
	if err != nil {
		t.Fatal(err)
	}
	d := res.Draft
	pl := d.Plan
	if pl.Title != "Triển khai Nghị quyết số 57-NQ/TW về chuyển đổi số" || pl.Code != "60/KH-UBND" || pl.Issuer != "UBND tỉnh Cà Mau" ||
		!pl.IssuedOn.Equal(time.Date(2025, 2, 25, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("plan = %+v", pl)
	}
	var tree []string
	for _, s := range d.Sections {
		tree = append(tree, s.Label+" "+s.Title)
	}
	// The table's group row (a title across the table) is a group of II.2.
	wantTree := []string{"I MỤC ĐÍCH, YÊU CẦU", "I.1 Mục đích", "II NHIỆM VỤ VÀ GIẢI PHÁP", "II.1 Hạ tầng số", "II.1.1 Trung tâm dữ liệu", "II.2 Nhân lực số", "II.2.1 Nhóm đào tạo", "III TỔ CHỨC THỰC HIỆN"}
	if !reflect.DeepEqual(tree, wantTree) {
		t.Errorf("tree = %q\nwant %q", tree, wantTree)
	}
	if b := sectionByLabel(t, d, "I.1").Body; b != "Quán triệt nghị quyết.\n- Phát huy sức mạnh." {
		t.Errorf("I.1 body = %q", b)
	}
	var texts []string
	for _, tk := range d.Tasks {
		texts = append(texts, d.Sections[tk.Section].Label+": "+tk.Text)
	}
	wantTexts := []string{
		"II.1.1: Nâng cấp trung tâm dữ liệu tỉnh.",
		"II.1.1: Ban hành quy chế khai thác dữ liệu",
		"II.1.1: Tập huấn an toàn thông tin",
		"II.2.1: Đào tạo kỹ năng số cho cán bộ\n- Cơ quan chủ trì: Sở Nội vụ\n- Cơ quan phối hợp: Sở Tài chính\n- Thời gian hoàn thành: Quý IV/2025",
		"II.2.1: Thu hút chuyên gia\n- Cơ quan chủ trì: Sở Nội vụ\n- Thời gian hoàn thành: năm 2026",
	}
	if !reflect.DeepEqual(texts, wantTexts) {
		t.Errorf("tasks = %q\nwant %q", texts, wantTexts)
	}
	nv, tc := agencyID(t, "Sở Nội vụ"), agencyID(t, "Sở Tài chính")
	if tk := d.Tasks[3]; tk.LeadAgencyID != nv || !reflect.DeepEqual(tk.CooperatingAgencyIDs, []int64{tc}) || tk.Deadline.Kind != plan.DeadlineQuarter {
		t.Errorf("table task: lead %d coop %v deadline %+v", tk.LeadAgencyID, tk.CooperatingAgencyIDs, tk.Deadline)
	}
	if s := sectionByLabel(t, d, "II.2.1"); s.Kind != plan.KindSubgroup || !s.HoldsTasks || s.TaskCount != 2 {
		t.Errorf("group row of the table read as %+v", s)
	}
	if res.Regime == nil || res.Regime.DueDay != 15 {
		t.Errorf("regime = %+v", res.Regime)
	}
	w := warningTexts(res.Warnings)
	if !strings.Contains(w, "0: tài liệu dùng đánh số tự động của Word ở 10 đoạn") {
		t.Errorf("warnings:\n%s", w)
	}
	for _, s := range d.Sections {
		if strings.Contains(s.Body, "DỰ THẢO") || strings.Contains(s.Body, "Nơi nhận") || strings.Contains(s.Body, "CHỦ TỊCH") {
			t.Errorf("%s body = %q", s.Label, s.Body)
		}
	}
}

// TestDOCXNumberingMissing: numbered paragraphs whose list is not in
// numbering.xml are reported, not silently read as text.
func TestDOCXNumberingMissing(t *testing.T) {
	body := wordParas("KẾ HOẠCH", "TÊN", "I. NHIỆM VỤ") + numbered("7", "1", "Nhóm không số") + wordParas("Việc một.")
	res, err := Parse("x.docx", buildDOCX(t, body), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := warningTexts(res.Warnings); !strings.Contains(w, "có 1 đoạn đánh số tự động của Word không dựng lại được số") {
		t.Errorf("warnings:\n%s", w)
	}
}

// TestDOCXOnlyAutoNumbers: a document whose numbers all come from
// numbering.xml that is missing gives a clear no_tasks, pointing at it.
func TestDOCXOnlyAutoNumbers(t *testing.T) {
	body := numbered("7", "0", "NHIỆM VỤ") + wordParas("Việc một.")
	_, err := Parse("x.docx", buildDOCX(t, body), Options{})
	e := importErr(t, err, CodeNoTasks)
	if !strings.Contains(e.Message, "đánh số tự động") {
		t.Errorf("message = %q", e.Message)
	}
}

func TestDOCXRestartNumbering(t *testing.T) {
	nb := &numbering{
		abstract:  map[string]*levels{"0": {{start: 1, format: "decimal", text: "%1."}, {start: 1, format: "lowerLetter", text: "%2)"}}},
		num:       map[string]string{"1": "0", "2": "0"},
		overrides: map[string]map[int]int{"2": {0: 1}},
	}
	paras := []docxPara{{text: "A", numID: "1"}, {text: "a", numID: "1", ilvl: 1}, {text: "b", numID: "1", ilvl: 1}, {text: "B", numID: "1"}, {text: "a", numID: "1", ilvl: 1}, {text: "A again", numID: "2"}}
	auto, missing := nb.apply(paras)
	var got []string
	for _, p := range paras {
		got = append(got, p.text)
	}
	want := []string{"1. A", "a) a", "b) b", "2. B", "a) a", "1. A again"}
	if auto != 6 || missing != 0 || !reflect.DeepEqual(got, want) {
		t.Errorf("apply = %d, %d, %q; want %q", auto, missing, got, want)
	}
}
