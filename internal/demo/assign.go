package demo

import (
	"strings"

	"tiendo/internal/plan"
)

// sampleLeads is the demo's sample assignment (phân công mẫu) for the tasks
// whose text names no agency — most of the reference plan, whose appendix of
// assignments is not in the text. Each task group goes to the agencies that
// usually answer for such work after the 2025 reorganisation, in turn; the
// next agency in the list cooperates. It is sample data, labelled so where it
// is printed, so that reports and dashboards have something real to show.
var sampleLeads = map[string][]string{
	"III.1":   {"Sở Văn hóa, Thể thao và Du lịch", "Sở Nội vụ"},
	"III.2":   {"Sở Tư pháp", "Sở Tài chính", "Sở Khoa học và Công nghệ"},
	"III.3":   {"Sở Khoa học và Công nghệ", "Công an tỉnh", "Sở Tài chính", "Sở Xây dựng"},
	"III.4.1": {"Sở Nội vụ", "Sở Khoa học và Công nghệ"},
	"III.4.2": {"Sở Nội vụ", "Sở Khoa học và Công nghệ"},
	"III.4.3": {"Sở Giáo dục và Đào tạo", "Sở Nội vụ"},
	"III.4.4": {"Sở Giáo dục và Đào tạo", "Sở Tài chính"},
	"III.4.5": {"Sở Khoa học và Công nghệ", "Sở Nội vụ"},
	"III.4.6": {"Sở Nội vụ", "Sở Tài chính"},
	"III.5": {"Văn phòng Ủy ban nhân dân tỉnh", "Sở Khoa học và Công nghệ", "Sở Y tế", "Sở Nông nghiệp và Môi trường",
		"Ủy ban nhân dân phường An Xuyên", "Ủy ban nhân dân xã Năm Căn", "Ủy ban nhân dân phường Bạc Liêu"},
	"III.6":   {"Sở Công Thương", "Sở Khoa học và Công nghệ", "Ban Quản lý Khu kinh tế tỉnh", "Sở Tài chính"},
	"III.7.1": {"Sở Khoa học và Công nghệ", "Sở Công Thương"},
	"III.7.2": {"Sở Tài chính", "Ban Quản lý Khu kinh tế tỉnh", "Sở Khoa học và Công nghệ"},
}

// sampleDeadlines are the deadline forms the demo gives, in turn, to tasks
// whose text states none — every form a real plan uses, so that every status
// shows up.
var sampleDeadlines = []string{"Quý IV/2025", "năm 2026", "thường xuyên", "30/6/2026", "2025-2030", "hằng năm", "tháng 9/2025", "Quý II/2026"}

// assignSamples gives tasks without a lead agency a sample lead and
// cooperating agency, and tasks without a deadline a sample one. It returns
// how many tasks got a sample lead.
func assignSamples(d *plan.Draft, idOf func(name string) int64) int {
	n := 0
	turn := map[string]int{}
	for i := range d.Tasks {
		t := &d.Tasks[i].Task
		label := d.Sections[d.Tasks[i].Section].Label
		if t.Deadline.Text == "" {
			dl, err := plan.ParseDeadline(sampleDeadlines[i%len(sampleDeadlines)])
			if err != nil {
				panic("demo: sample deadline: " + err.Error()) // the list above is fixed
			}
			t.Deadline = dl
		}
		if t.LeadAgencyID != 0 {
			continue
		}
		names := sampleLeadsFor(label)
		if len(names) == 0 {
			continue
		}
		k := turn[label]
		turn[label]++
		t.LeadAgencyID = idOf(names[k%len(names)])
		if coop := idOf(names[(k+1)%len(names)]); coop != t.LeadAgencyID && len(t.CooperatingAgencyIDs) == 0 {
			t.CooperatingAgencyIDs = []int64{coop}
		}
		n++
	}
	return n
}

// sampleLeadsFor finds the sample agencies of a section label or of its nearest ancestor.
func sampleLeadsFor(label string) []string {
	for l := label; l != ""; {
		if names, ok := sampleLeads[l]; ok {
			return names
		}
		i := strings.LastIndex(l, ".")
		if i < 0 {
			break
		}
		l = l[:i]
	}
	return nil
}
