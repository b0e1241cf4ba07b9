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

	"tiendo/internal/agency"
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
	General      string    // under "1. Kết quả chung", after the figures: the agencies' general texts
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
	for _, p := range []*string{&d.Number, &d.Place, &d.Issuer, &d.ParentIssuer, &d.Summary, &d.General, &d.Difficulties,
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
	for key, v := range map[string]string{"general": d.General, "difficulties": d.Difficulties, "proposals": d.Proposals, "next_tasks": d.NextTasks} {
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
// the period of dash, which the coordinator then edits. by is who issues
// it: the coordinator's agency, in capitals, under its People's Committee
// ("UBND TỈNH CÀ MAU"), with the province as the place, the number left
// for the office to write in before "/BC-" and the agency's initials, the
// signature its head gives and "Nơi nhận" to its People's Committee
// (never to itself); without an agency, the plan's issuer issues it. The
// date is the day it is made; the summary line names the plan in sentence
// case (a title written in capitals would shout); each agency's general
// text (kết quả chung of its accepted report) comes once, under "1. Kết quả
// chung"; the groups' narratives start empty, for the coordinator — the
// report writes each group's figures itself; the difficulties, proposals
// and next-period tasks of every accepted report come one line per agency.
func DraftFrom(f *figures.Facts, dash *figures.Dashboard, acc Accepted, by Issuing) *Draft {
	f = figures.InPeriod(f, dash.Period) // the plan and its agencies as they were in the period
	names := agencyNames(f)
	d := &Draft{PlanID: f.Plan.ID, PeriodID: dash.Period.ID, Date: by.Today,
		Summary: summaryLine(&f.Plan, dash.Period.Label)}
	if d.Date.IsZero() {
		d.Date = dash.AsOf
	}
	kind, issuer := agency.KindProvince, cmp.Or(strings.TrimSpace(f.Plan.Issuer), "Ủy ban nhân dân tỉnh")
	if by.Agency != nil {
		kind, issuer = by.Agency.Kind, by.Agency.Name
	}
	d.Issuer = upperName(issuer, false)
	parent := ""
	if by.Agency != nil && by.Parent != nil {
		parent = by.Parent.Name
		d.ParentIssuer = upperName(parent, true)
	}
	d.Place = Place(parent, issuer, f.Plan.Issuer)
	d.Number = "/BC-" + Abbreviation(issuer)
	d.SignPrefix, d.SignTitle = signer(kind)
	d.SignName = by.Signer
	if by.Agency != nil && by.Parent != nil {
		up := "UBND tỉnh"
		if short := strings.TrimSpace(by.Parent.ShortName); short != "" {
			up = short
		}
		d.Recipients = append(d.Recipients, up+" (b/c);")
	}
	d.Recipients = append(d.Recipients, "Các sở, ban, ngành tỉnh;", "Lưu: VT.")
	if by.Agency != nil {
		d.Recipients = RecipientsOf(d, by.Agency.ShortName)
	}

	texts := map[int64]reporting.Texts{}
	for _, t := range acc.Texts {
		texts[t.AgencyID] = t.Texts
	}
	for _, g := range dash.ByGroup {
		d.Results = append(d.Results, GroupText{SectionID: g.SectionID, Label: g.Label, Title: g.Title})
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
	d.General = join(func(t reporting.Texts) string { return t.Summary })
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

// summaryLine is the trích yếu: "Kết quả thực hiện Kế hoạch số 99/KH-UBND
// về chuyển đổi số năm 2025, quý III/2025" — the plan's title in sentence
// case (plan.Plan.DisplayTitle), continuing the sentence.
func summaryLine(p *plan.Plan, period string) string {
	s := "Kết quả thực hiện Kế hoạch"
	if p.Code != "" {
		s += " số " + p.Code
	}
	if t := p.DisplayTitle(); t != "" {
		s += " " + vntext.LowerFirst(t)
	}
	if period != "" {
		s += ", " + vntext.LowerFirst(period)
	}
	return s
}

// agencyNames maps agency IDs to names.
func agencyNames(f *figures.Facts) map[int64]string {
	m := make(map[int64]string, len(f.Agencies))
	for _, a := range f.Agencies {
		m[a.ID] = a.Name
	}
	return m
}
