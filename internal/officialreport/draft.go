// Package officialreport drafts the official report (báo cáo tổng hợp)
// of a plan for a reporting period: the Draft the coordinator edits, first
// made by DraftFrom out of the agencies' accepted report texts, its rules
// (Validate), and the Report that gathers a draft with the figures of its
// period. It is pure and needs no document writer: the figures come from
// internal/figures (the one place they are computed), the store keeps
// drafts, and package render composes the .docx and the appendix workbook.
package officialreport

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"tiendo/internal/figures"
	"tiendo/internal/plan"
	"tiendo/internal/reporting"
	"tiendo/internal/vntext"
)

// GroupText is the narrative of one task group (III.1 …) under
// "I. Kết quả thực hiện".
type GroupText struct {
	SectionID int64  `json:"section_id"`
	Label     string `json:"label"` // "III.1"
	Title     string `json:"title"`
	Text      string `json:"text"` // paragraphs, one a line
}

// Draft is the coordinator's editable part of the official report of one
// plan and period: letterhead, summary line, the narrative of each section,
// signature and recipients. Figures are not in it: they are recomputed
// whenever the report is downloaded.
type Draft struct {
	PlanID       int64
	PeriodID     int64
	Number       string    // "123/BC-SKHCN" ("Số: " is added by the writer)
	Place        string    // "Cà Mau"
	Date         time.Time // ngày ban hành
	Issuer       string    // cơ quan ban hành, "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
	ParentIssuer string    // cơ quan chủ quản, "UBND TỈNH CÀ MAU"; may be empty
	Summary      string    // trích yếu after "BÁO CÁO"
	Results      []GroupText
	Difficulties string // II. Khó khăn, vướng mắc
	Proposals    string // III. Kiến nghị, đề xuất
	NextTasks    string // IV. Nhiệm vụ trọng tâm kỳ tới
	SignPrefix   string // "KT. GIÁM ĐỐC"; may be empty
	SignTitle    string // "PHÓ GIÁM ĐỐC"
	SignName     string
	Recipients   []string // Nơi nhận, one a line

	// Version is the optimistic-locking counter: 0 for a draft never
	// saved (DraftFrom), incremented by every save.
	Version   int
	UpdatedAt time.Time
	UpdatedBy int64
}

// AgencyTexts are the texts of one agency's accepted report for the period
// (its highest accepted revision).
type AgencyTexts struct {
	AgencyID int64
	reporting.Texts
}

// Accepted is what the accepted reports of the period say in words: each
// agency's texts, in agency name order, and each task's result (kết quả
// of the lead agency's accepted entry).
type Accepted struct {
	Texts   []AgencyTexts
	Results map[int64]string // task ID → kết quả
}

// Limits on what a draft holds.
const (
	MaxLine       = 500   // one-line fields
	MaxText       = 40000 // each narrative section
	MaxRecipients = 50
)

// ErrInvalid is wrapped by InvalidError.
var ErrInvalid = errors.New("officialreport: invalid draft")

// InvalidError lists the draft's fields in error (form field names) with
// the Vietnamese message of each.
type InvalidError struct{ Fields plan.FieldErrors }

func (e *InvalidError) Error() string {
	return fmt.Sprintf("%v: %d field(s)", ErrInvalid, len(e.Fields))
}
func (e *InvalidError) Unwrap() error { return ErrInvalid }

// Normalize trims and NFC-normalises every text and drops empty recipients.
func (d *Draft) Normalize() {
	for _, p := range []*string{&d.Number, &d.Place, &d.Issuer, &d.ParentIssuer, &d.Summary, &d.Difficulties,
		&d.Proposals, &d.NextTasks, &d.SignPrefix, &d.SignTitle, &d.SignName} {
		*p = strings.TrimSpace(vntext.NFC(strings.ReplaceAll(*p, "\r\n", "\n")))
	}
	for i := range d.Results {
		d.Results[i].Text = strings.TrimSpace(vntext.NFC(strings.ReplaceAll(d.Results[i].Text, "\r\n", "\n")))
	}
	var rec []string
	for _, r := range d.Recipients {
		if r = strings.TrimSpace(vntext.NFC(r)); r != "" {
			rec = append(rec, r)
		}
	}
	d.Recipients = rec
}

// Validate normalises d and returns its problems (nil when none). Keys are
// the form's field names; a group's text is "results.<section id>".
func (d *Draft) Validate() error {
	d.Normalize()
	fe := plan.FieldErrors{}
	required := func(key, v, msg string) {
		if v == "" {
			fe[key] = msg
		}
	}
	required("issuer", d.Issuer, "Hãy nhập tên cơ quan ban hành báo cáo.")
	required("summary", d.Summary, "Hãy nhập trích yếu của báo cáo.")
	if d.Date.IsZero() {
		fe["date"] = "Hãy nhập ngày ban hành dạng dd/mm/yyyy."
	}
	for key, v := range map[string]string{"number": d.Number, "place": d.Place, "issuer": d.Issuer,
		"parent_issuer": d.ParentIssuer, "summary": d.Summary, "sign_prefix": d.SignPrefix,
		"sign_title": d.SignTitle, "sign_name": d.SignName} {
		if utf8.RuneCountInString(v) > MaxLine {
			fe[key] = fmt.Sprintf("Tối đa %d ký tự.", MaxLine)
		}
	}
	for key, v := range map[string]string{"difficulties": d.Difficulties, "proposals": d.Proposals, "next_tasks": d.NextTasks} {
		if utf8.RuneCountInString(v) > MaxText {
			fe[key] = fmt.Sprintf("Tối đa %s ký tự.", vntext.FormatInt(MaxText))
		}
	}
	for _, g := range d.Results {
		if utf8.RuneCountInString(g.Text) > MaxText {
			fe[fmt.Sprintf("results.%d", g.SectionID)] = fmt.Sprintf("Tối đa %s ký tự.", vntext.FormatInt(MaxText))
		}
	}
	if len(d.Recipients) > MaxRecipients {
		fe["recipients"] = fmt.Sprintf("Tối đa %d nơi nhận.", MaxRecipients)
	}
	for _, r := range d.Recipients {
		if utf8.RuneCountInString(r) > MaxLine {
			fe["recipients"] = fmt.Sprintf("Mỗi nơi nhận tối đa %d ký tự.", MaxLine)
		}
	}
	if len(fe) > 0 {
		return &InvalidError{Fields: fe}
	}
	return nil
}

// DraftFrom makes the first draft of the official report of f's plan for
// the period of dash, which the coordinator then edits: the summary line
// from the plan and period; under each task group, the accepted Summary of
// every agency leading a task of the group (agency name first); the
// difficulties, proposals and next-period tasks of every accepted report,
// one line per agency; the as-of
// day as the date; the plan's issuer as the issuing agency (a report the
// UBND tỉnh sends up), which the coordinator changes to the Sở issuing it.
func DraftFrom(f *figures.Facts, dash *figures.Dashboard, acc Accepted) *Draft {
	f = figures.InPeriod(f, dash.Period) // the plan and its agencies as they were in the period
	names := agencyNames(f)
	d := &Draft{
		PlanID: f.Plan.ID, PeriodID: dash.Period.ID, Date: dash.AsOf,
		Issuer:     cmp.Or(strings.ToUpper(f.Plan.Issuer), "UBND TỈNH"),
		Summary:    summaryLine(&f.Plan, dash.Period.Label),
		Recipients: []string{"UBND tỉnh (b/c);", "Các sở, ban, ngành tỉnh;", "Lưu: VT."},
	}
	texts := map[int64]reporting.Texts{}
	for _, t := range acc.Texts {
		texts[t.AgencyID] = t.Texts
	}
	leads := groupLeads(f, dash.ByGroup)
	for _, g := range dash.ByGroup {
		var lines []string
		for _, id := range leads[g.SectionID] {
			if s := texts[id].Summary; s != "" {
				lines = append(lines, names[id]+": "+s)
			}
		}
		d.Results = append(d.Results, GroupText{SectionID: g.SectionID, Label: g.Label, Title: g.Title,
			Text: strings.Join(lines, "\n")})
	}
	join := func(pick func(reporting.Texts) string) string {
		var lines []string
		for _, t := range acc.Texts {
			if s := strings.TrimSpace(pick(t.Texts)); s != "" {
				lines = append(lines, "- "+names[t.AgencyID]+": "+s)
			}
		}
		return strings.Join(lines, "\n")
	}
	d.Difficulties = join(func(t reporting.Texts) string { return t.Difficulties })
	d.Proposals = join(func(t reporting.Texts) string { return t.Proposals })
	d.NextTasks = join(func(t reporting.Texts) string { return t.NextTasks })
	return d
}

// Refresh brings a saved draft's groups in line with the plan's current
// groups: groups added since are appended empty, removed ones dropped, and
// labels and titles follow the plan. Texts are kept by section.
func (d *Draft) Refresh(groups []figures.Group) {
	old := map[int64]string{}
	for _, g := range d.Results {
		old[g.SectionID] = g.Text
	}
	out := make([]GroupText, 0, len(groups))
	for _, g := range groups {
		out = append(out, GroupText{SectionID: g.SectionID, Label: g.Label, Title: g.Title, Text: old[g.SectionID]})
	}
	d.Results = out
}

// summaryLine is the trích yếu: "Kết quả thực hiện Kế hoạch số 99/KH-UBND … Quý II/2025".
func summaryLine(p *plan.Plan, period string) string {
	s := "Kết quả thực hiện Kế hoạch"
	if p.Code != "" {
		s += " số " + p.Code
	}
	if p.Title != "" {
		s += " " + lowerFirst(p.Title)
	}
	if period != "" {
		s += ", " + lowerFirst(period)
	}
	return s
}

// lowerFirst lowers the first letter ("Quý II/2025" → "quý II/2025").
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return strings.ToLower(string(r)) + s[n:]
}

// agencyNames maps agency IDs to names.
func agencyNames(f *figures.Facts) map[int64]string {
	m := make(map[int64]string, len(f.Agencies))
	for _, a := range f.Agencies {
		m[a.ID] = a.Name
	}
	return m
}

// groupOf maps each section to the group (of groups) it falls under, 0 when none.
func groupOf(f *figures.Facts, groups []figures.Group) map[int64]int64 {
	isGroup := map[int64]bool{}
	for _, g := range groups {
		isGroup[g.SectionID] = true
	}
	parent := make(map[int64]int64, len(f.Sections))
	for _, s := range f.Sections {
		parent[s.ID] = s.ParentID
	}
	out := make(map[int64]int64, len(f.Sections))
	for _, s := range f.Sections {
		for x, n := s.ID, 0; x != 0 && n <= len(f.Sections); x, n = parent[x], n+1 {
			if isGroup[x] {
				out[s.ID] = x
				break
			}
		}
	}
	return out
}

// groupLeads lists, per group, the agencies leading its tasks in the order
// of f.Agencies (name order).
func groupLeads(f *figures.Facts, groups []figures.Group) map[int64][]int64 {
	of := groupOf(f, groups)
	leads := map[int64]map[int64]bool{}
	for i := range f.Tasks {
		t := &f.Tasks[i]
		g := of[t.SectionID]
		if g == 0 || t.LeadAgencyID == 0 {
			continue
		}
		if leads[g] == nil {
			leads[g] = map[int64]bool{}
		}
		leads[g][t.LeadAgencyID] = true
	}
	out := map[int64][]int64{}
	for _, a := range f.Agencies {
		for g, set := range leads {
			if set[a.ID] {
				out[g] = append(out[g], a.ID)
			}
		}
	}
	return out
}
