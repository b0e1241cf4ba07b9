package plan

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"tiendo/internal/vntext"
)

// ErrDeadline is wrapped by ParseDeadline's errors, so callers (form
// validation, the API's 422) can tell an unreadable deadline from other
// failures with errors.Is; the wrapping error's text is the Vietnamese
// message to show beside the field.
var ErrDeadline = errors.New("không đọc được thời hạn")

// deadlineHint tells a person which forms are understood.
const deadlineHint = `hãy ghi ngày (30/6/2025), tháng (tháng 5/2025), quý (Quý II/2025), năm (năm 2026), giai đoạn (2025-2030), "hằng năm" hoặc "thường xuyên"`

// Years outside this window are typing mistakes, not plans.
const (
	minDeadlineYear = 1900
	maxDeadlineYear = 2200
)

// errNoForm says the words match no known form; it never leaves the package.
var errNoForm = errors.New("no deadline form")

// The patterns below run on folded text (vntext.Fold: lower case, no
// diacritics, đ→d, single spaces), so "Quý II/2025", "quy ii/2025" and NFD
// input all read the same.
var (
	// Labels and verbs a person may type in front of the deadline itself.
	reDeadlineLabel = regexp.MustCompile(`^(?:thoi gian (?:hoan thanh|thuc hien|trien khai)|thoi han(?: hoan thanh| thuc hien)?|han hoan thanh)(?: la)? ?:? ?`)
	reDeadlineVerb  = regexp.MustCompile(`^(?:hoan thanh|thuc hien|trien khai)(?: thuc hien)? `)

	// "2025-2030", "giai đoạn 2026 - 2030", "từ năm 2025 đến năm 2030".
	reYearRange = regexp.MustCompile(`^(?:trong |ca |suot )?(?:giai doan |thoi ky |cac nam |nam )?(?:tu )?(?:nam )?(\d{4}) ?(?:-|–|—|den|toi) ?(?:nam )?(\d{4})$`)
	// "từ tháng 5/2025 đến hết quý II/2026": any two points.
	reFromTo = regexp.MustCompile(`^(?:trong )?(?:giai doan |thoi gian )?tu (.+?) (?:den|toi) (?:het )?(.+)$`)
	// "năm 2025 và các năm tiếp theo": open-ended, judged per period.
	reOnwards = regexp.MustCompile(`^(?:tu |trong )?(?:nam )?(\d{4}),? (?:va )?(?:cac|nhung) nam (?:tiep theo|sau)$`)

	// A word changing how a point is read: "trước tháng 6/2025" ends in May.
	reModifier = regexp.MustCompile(`^(truoc|cham nhat(?: la)?|han chot|den het|den|toi|het|trong|vao|cuoi|ca) `)

	reDate      = regexp.MustCompile(`^(?:ngay )?(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})$`)
	reDateISO   = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`) // what a date input sends
	reDateWords = regexp.MustCompile(`^(?:ngay )?(\d{1,2}) thang (\d{1,2}),? nam (\d{4})$`)
	reMonth     = regexp.MustCompile(`^thang (\d{1,2}) ?(?:[/.-]| nam ) ?(\d{4})$`)
	reMonthBare = regexp.MustCompile(`^(\d{1,2}) ?/ ?(\d{4})$`)
	reQuarter   = regexp.MustCompile(`^quy ([ivxl]+|\d{1,2}) ?(?:[/.-]| nam ) ?(\d{4})$`)
	reHalf      = regexp.MustCompile(`^(?:(?:6|sau) thang|nua) (dau|cuoi) (?:nam )?(\d{4})$`)
	reYear      = regexp.MustCompile(`^(?:nam )?(\d{4})$`)

	// A recurring deadline may name the day within the period:
	// "hằng năm, trước ngày 15/12", "hằng quý (trước ngày 10 tháng cuối quý)".
	reRecurringTail  = regexp.MustCompile(`,? ?\(?(?:truoc|vao|cham nhat|den)(?: ngay)? \d{1,2}(?: ?[/.-] ?\d{1,2})?(?: (?:cua )?thang (?:\d{1,2}|cuoi quy|dau quy|cuoi nam|dau nam|cuoi ky|cuoi))?(?: (?:hang|moi) (?:nam|quy|thang))?\)?$`)
	reContinuousLead = regexp.MustCompile(`^(?:thuong xuyen|lien tuc),? (?:va )?`)
)

// ParseDeadline reads a whole deadline phrase ("Quý II/2025", "trong tháng
// 5/2025", "thường xuyên", "2025-2030", "6 tháng đầu năm 2025") into a typed
// Deadline, so that status and reminders can be computed; Text keeps the
// original words exactly as given, because people recognise their own
// wording. Case, diacritics, extra spaces, NBSP, NFD and a trailing period
// do not matter. Blank text gives a Deadline of kind none and no error.
// Words it cannot read give an error wrapping ErrDeadline whose message says
// which forms are expected.
func ParseDeadline(text string) (Deadline, error) {
	if strings.TrimSpace(text) == "" {
		return Deadline{Text: text}, nil
	}
	d, err := parseFolded(vntext.Fold(text))
	if err != nil {
		return Deadline{}, deadlineError(text, err)
	}
	d.Text = text
	return d, nil
}

// deadlineError turns an internal parse failure into the message a person sees.
func deadlineError(text string, err error) error {
	shown := vntext.NFC(strings.TrimSpace(text))
	if utf8.RuneCountInString(shown) > 60 {
		shown = string([]rune(shown)[:60]) + "…"
	}
	if errors.Is(err, errNoForm) {
		return fmt.Errorf("%w %q: %s", ErrDeadline, shown, deadlineHint)
	}
	return fmt.Errorf("%w %q: %v", ErrDeadline, shown, err)
}

// parseFolded reads folded deadline words; Text is left empty.
func parseFolded(s string) (Deadline, error) {
	s = trimDeadline(s)
	if s == "" {
		return Deadline{}, errNoForm
	}
	s = cutPrefix(reDeadlineLabel, s)
	s = cutPrefix(reDeadlineVerb, s)
	if k, every, ok := parsePeriodic(s); ok {
		return Deadline{Kind: k, Every: every}, nil
	}
	if d, err := parseRange(s); !errors.Is(err, errNoForm) {
		return d, err
	}
	return parseModifiedPoint(s)
}

// cutPrefix removes what re, anchored at the start, matches of s.
func cutPrefix(re *regexp.Regexp, s string) string {
	if loc := re.FindStringIndex(s); loc != nil {
		return s[loc[1]:]
	}
	return s
}

// trimDeadline collapses spaces and drops the punctuation people leave
// around a deadline in a cell or sentence ("- Quý II/2025.", "(năm 2026)").
func trimDeadline(s string) string {
	i, j := deadlineBounds(s)
	s = s[i:j]
	if strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// deadlineBounds is where the deadline words of s start and end once the
// surrounding spaces and punctuation are dropped.
func deadlineBounds(s string) (i, j int) {
	t := strings.TrimLeft(s, " -+•*(")
	i = len(s) - len(t)
	t = strings.TrimRight(t, " .,;:!)…")
	if strings.HasSuffix(t, "(") { // "Quý II/2025 (" left by a cut
		t = strings.TrimRight(t, " (")
	}
	return i, i + len(t)
}

// parsePeriodic recognises recurring ("hằng năm") and continuous
// ("thường xuyên") deadlines, which have no single due day.
func parsePeriodic(s string) (DeadlineKind, string, bool) {
	if !periodicStart(s) {
		return "", "", false
	}
	if continuous(s) {
		return DeadlineContinuous, "", true
	}
	core := s
	if loc := reRecurringTail.FindStringIndex(core); loc != nil {
		core = core[:loc[0]]
	}
	core = cutPrefix(reContinuousLead, core)
	if every := recurringEvery(core); every != "" {
		return DeadlineRecurring, every, true
	}
	return "", "", false
}

// periodicStart reports whether s starts like a recurring or continuous
// deadline; it spares the regular expressions most of the text they would fail on.
func periodicStart(s string) bool {
	w, _, _ := strings.Cut(s, " ")
	switch w {
	case "hang", "moi", "dinh", "thuong", "lien", "6", "sau", "nam", "1", "quy", "thang", "nua":
		return true
	}
	return false
}

// continuous reports whether s says the task goes on without an end.
func continuous(s string) bool {
	s = strings.ReplaceAll(s, ",", "")
	s = strings.ReplaceAll(s, " va ", " ")
	switch s {
	case "thuong xuyen", "lien tuc", "thuong xuyen lien tuc", "lien tuc thuong xuyen",
		"hang ngay", "thuong xuyen hang ngay":
		return true
	}
	return false
}

// recurringEvery gives the period of a recurring deadline ("year",
// "half", "quarter", "month"), or "" when s is not one.
func recurringEvery(s string) string {
	s = strings.TrimPrefix(s, "dinh ky ")
	switch s {
	case "hang nam", "moi nam", "thuong nien", "nam mot lan", "1 nam 1 lan":
		return "year"
	case "hang quy", "moi quy", "quy mot lan":
		return "quarter"
	case "hang thang", "moi thang", "thang mot lan":
		return "month"
	case "6 thang", "sau thang", "hang 6 thang", "moi 6 thang", "hang sau thang", "moi sau thang",
		"6 thang mot lan", "6 thang 1 lan", "6 thang/lan", "sau thang mot lan", "nua nam mot lan":
		return "half"
	}
	return ""
}

// parseRange reads periods: a span of years ("2025-2030"), "từ … đến …"
// between any two points, and "năm 2025 và các năm tiếp theo".
func parseRange(s string) (Deadline, error) {
	if m := reYearRange.FindStringSubmatch(s); m != nil {
		from, err := yearSpan(m[1])
		if err != nil {
			return Deadline{}, err
		}
		to, err := yearSpan(m[2])
		if err != nil {
			return Deadline{}, err
		}
		if from.start.After(to.start) {
			return Deadline{}, fmt.Errorf("giai đoạn %s-%s kết thúc trước khi bắt đầu; hãy ghi năm đầu trước, ví dụ 2025-2030", m[1], m[2])
		}
		return Deadline{Kind: DeadlineRange, Start: from.start, Due: to.end}, nil
	}
	if m := reOnwards.FindStringSubmatch(s); m != nil {
		y, err := yearSpan(m[1])
		if err != nil {
			return Deadline{}, err
		}
		return Deadline{Kind: DeadlineContinuous, Start: y.start}, nil
	}
	m := reFromTo.FindStringSubmatch(s)
	if m == nil {
		return Deadline{}, errNoForm
	}
	to, err := parsePoint(strings.TrimSpace(m[2]))
	if err != nil {
		return Deadline{}, err
	}
	if m[1] == "nay" || m[1] == "bay gio" { // "từ nay đến năm 2030": only the end is stated
		return Deadline{Kind: to.kind, Due: to.end}, nil
	}
	from, err := parsePoint(strings.TrimSpace(m[1]))
	if err != nil {
		return Deadline{}, err
	}
	if from.start.After(to.end) {
		return Deadline{}, errors.New("giai đoạn kết thúc trước khi bắt đầu; hãy ghi mốc đầu trước, ví dụ từ tháng 5/2025 đến tháng 12/2025")
	}
	return Deadline{Kind: DeadlineRange, Start: from.start, Due: to.end}, nil
}

// parseModifiedPoint reads one point in time with an optional leading word.
// "trước" a month, quarter, half or year means before it starts, so the due
// day is the day before; before a date it keeps the date, the way plans
// write "trước ngày 10/6" for "by 10/6".
func parseModifiedPoint(s string) (Deadline, error) {
	mod := ""
	if m := reModifier.FindStringSubmatch(s); m != nil {
		mod, s = m[1], s[len(m[0]):]
	}
	p, err := parsePoint(s)
	if err != nil {
		return Deadline{}, err
	}
	due := p.end
	if mod == "truoc" && p.kind != DeadlineDate {
		due = p.start.AddDate(0, 0, -1)
	}
	return Deadline{Kind: p.kind, Due: due}, nil
}

// span is a point as plans write it: a day, month, quarter, half or year,
// from its first to its last day.
type span struct {
	kind       DeadlineKind
	start, end time.Time
}

// parsePoint reads one point in time, without modifiers.
func parsePoint(s string) (span, error) {
	if m := reDate.FindStringSubmatch(s); m != nil {
		return dateSpan(m[1], m[2], m[3])
	}
	if m := reDateISO.FindStringSubmatch(s); m != nil {
		return dateSpan(m[3], m[2], m[1])
	}
	if m := reDateWords.FindStringSubmatch(s); m != nil {
		return dateSpan(m[1], m[2], m[3])
	}
	if m := reMonth.FindStringSubmatch(s); m != nil {
		return monthSpan(m[1], m[2])
	}
	if m := reMonthBare.FindStringSubmatch(s); m != nil {
		return monthSpan(m[1], m[2])
	}
	if m := reQuarter.FindStringSubmatch(s); m != nil {
		return quarterSpan(m[1], m[2])
	}
	if m := reHalf.FindStringSubmatch(s); m != nil {
		return halfSpan(m[1], m[2])
	}
	if m := reYear.FindStringSubmatch(s); m != nil {
		return yearSpan(m[1])
	}
	return span{}, errNoForm
}

func dateSpan(ds, ms, ys string) (span, error) {
	y, err := deadlineYear(ys)
	if err != nil {
		return span{}, err
	}
	m, d := atoi(ms), atoi(ds)
	if m < 1 || m > 12 {
		return span{}, fmt.Errorf("không có tháng %d; hãy ghi tháng từ 1 đến 12, ví dụ 30/6/2025", m)
	}
	t := Date(y, time.Month(m), d)
	if d < 1 || t.Day() != d {
		last := Date(y, time.Month(m)+1, 0).Day()
		return span{}, fmt.Errorf("tháng %d/%d không có ngày %d; hãy ghi một ngày có thật, ví dụ %d/%d/%d", m, y, d, last, m, y)
	}
	return span{kind: DeadlineDate, start: t, end: t}, nil
}

func monthSpan(ms, ys string) (span, error) {
	y, err := deadlineYear(ys)
	if err != nil {
		return span{}, err
	}
	m := atoi(ms)
	if m < 1 || m > 12 {
		return span{}, fmt.Errorf("không có tháng %d; hãy ghi tháng từ 1 đến 12, ví dụ tháng 5/2025", m)
	}
	start := Date(y, time.Month(m), 1)
	return span{kind: DeadlineMonth, start: start, end: start.AddDate(0, 1, -1)}, nil
}

func quarterSpan(qs, ys string) (span, error) {
	y, err := deadlineYear(ys)
	if err != nil {
		return span{}, err
	}
	q := quarterNumber(qs)
	if q < 1 || q > 4 {
		return span{}, fmt.Errorf("không có quý %s; hãy ghi quý từ I đến IV, ví dụ Quý II/2025", strings.ToUpper(qs))
	}
	start := Date(y, time.Month(3*q-2), 1)
	return span{kind: DeadlineQuarter, start: start, end: start.AddDate(0, 3, -1)}, nil
}

// quarterNumber reads "ii" or "2" as 2; 0 when it is not a quarter.
func quarterNumber(s string) int {
	switch s {
	case "i", "1":
		return 1
	case "ii", "2":
		return 2
	case "iii", "3":
		return 3
	case "iv", "4":
		return 4
	}
	return 0
}

func halfSpan(which, ys string) (span, error) {
	y, err := deadlineYear(ys)
	if err != nil {
		return span{}, err
	}
	start := Date(y, time.January, 1)
	if which == "cuoi" {
		start = Date(y, time.July, 1)
	}
	return span{kind: DeadlineHalf, start: start, end: start.AddDate(0, 6, -1)}, nil
}

func yearSpan(ys string) (span, error) {
	y, err := deadlineYear(ys)
	if err != nil {
		return span{}, err
	}
	return span{kind: DeadlineYear, start: Date(y, time.January, 1), end: Date(y, time.December, 31)}, nil
}

func deadlineYear(s string) (int, error) {
	y := atoi(s)
	if y < minDeadlineYear || y > maxDeadlineYear {
		return 0, fmt.Errorf("năm %s không hợp lệ; hãy ghi năm có bốn chữ số, ví dụ năm 2026", s)
	}
	return y, nil
}

// atoi reads the digits the patterns captured (at most four).
func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// FindDeadline looks inside a task paragraph for the deadline it states
// ("Thời gian hoàn thành: trong tháng 5/2025", "hoàn thành trước ngày
// 30/6/2025", "thực hiện thường xuyên.", "Hằng năm, …", "trước năm 2027",
// "Năm 2025, hoàn thành …") so the importer can propose it; Text holds only
// the deadline words ("trong tháng 5/2025"). Dates of cited documents and
// plan horizons ("đến năm 2030, tầm nhìn 2045"), the period a document
// covers ("Đề án … giai đoạn 2026 - 2030") and a frequency inside the
// content ("Thường xuyên phối hợp với …", "kiểm tra định kỳ hằng năm việc
// …") are not deadlines: a phrase counts only after a deadline keyword, or
// where it stands as the clause's time (at its start set off by a comma, or
// at its end). ok is false when the paragraph states none.
func FindDeadline(paragraph string) (d Deadline, ok bool) {
	ft := foldWithOffsets(vntext.NFC(paragraph))
	starts := wordStarts(ft.s)
	for _, group := range deadlineTriggers {
		for _, p := range starts {
			for _, tr := range group {
				at, ok := tr.at(ft.s, p)
				if !ok {
					continue
				}
				if d, ok := ft.deadlineAt(at, tr.accept); ok {
					return d, true
				}
			}
		}
	}
	return Deadline{}, false
}

// deadlineTrigger says where a paragraph may state its deadline.
type deadlineTrigger struct {
	// phrases are the folded words that introduce a deadline, longest
	// first; none means the start of a clause. A phrase ending in ":" needs
	// the colon after its words ("thời gian: Quý III/2025", not "thời gian qua").
	phrases []string
	// include: the phrase is part of the deadline ("trước ngày …", "định kỳ
	// hằng quý"); otherwise the deadline follows it.
	include bool
	// accept decides whether a deadline read there counts; rest is the
	// folded text after it.
	accept func(d Deadline, words, rest string) bool
}

// deadlineTriggers are tried group by group; within a group the earliest
// position wins. Explicit labels beat phrases that can only be deadlines,
// which beat time phrases that count only where they stand as the clause's time.
var deadlineTriggers = [][]deadlineTrigger{
	{{phrases: []string{"thoi gian hoan thanh", "thoi gian thuc hien", "thoi gian trien khai", "thoi gian trinh",
		"thoi han hoan thanh", "thoi han thuc hien", "thoi han trinh", "thoi han", "han hoan thanh",
		"tien do hoan thanh", "tien do thuc hien", "thoi gian:"}, accept: anyDeadline}},
	{
		{phrases: []string{"hoan thanh"}, accept: anyDeadline},
		{phrases: []string{"truoc ngay", "cham nhat", "han chot", "truoc nam", "truoc thang", "truoc quy", "den het"}, include: true, accept: pointDeadline},
	},
	{
		{phrases: []string{"trong giai doan", "trong nam", "trong thang", "trong quy", "vao nam", "vao thang", "vao quy",
			"trong 6 thang", "cuoi nam", "cuoi quy"}, include: true, accept: pointAtEnd},
		{phrases: []string{"thuc hien", "trien khai"}, accept: deadlineAtEnd},
		{phrases: []string{"dinh ky"}, include: true, accept: periodicAtEnd},
		{accept: clauseDeadline},
	},
}

// at reports whether the trigger fires at the word starting at folded byte
// p, and where the deadline words would start.
func (tr deadlineTrigger) at(s string, p int) (int, bool) {
	if len(tr.phrases) == 0 {
		return p, clauseStart(s, p)
	}
	for _, ph := range tr.phrases {
		colon := strings.HasSuffix(ph, ":")
		ph = strings.TrimSuffix(ph, ":")
		if !hasWordPrefix(s[p:], ph) {
			continue
		}
		if colon && !strings.HasPrefix(strings.TrimLeft(s[p+len(ph):], " "), ":") {
			continue
		}
		if tr.include {
			return p, true
		}
		q := p + len(ph)
		if rest := strings.TrimLeft(s[q:], " "); hasWordPrefix(rest, "la") {
			q = len(s) - len(rest) + len("la")
		}
		return len(s) - len(strings.TrimLeft(s[q:], " :(-–")), true
	}
	return 0, false
}

// hasWordPrefix reports whether s starts with the words w, ending at a word boundary.
func hasWordPrefix(s, w string) bool {
	return strings.HasPrefix(s, w) && (len(s) == len(w) || !isAlnum(s[len(w)]))
}

// clauseStart reports whether the word at byte p of s opens a clause: it
// starts the text or follows ".", ";", ":", "!", "?" or a line break, then
// spaces or a bullet.
func clauseStart(s string, p int) bool {
	before := strings.TrimRight(s[:p], " -+•")
	if before == "" {
		return true
	}
	return len(before) < p && strings.IndexByte(".;:!?\n", before[len(before)-1]) >= 0
}

// wordStarts lists the byte offsets where the words of folded text s begin.
func wordStarts(s string) []int {
	var starts []int
	for i := 0; i < len(s); i++ {
		if isAlnum(s[i]) && (i == 0 || !isAlnum(s[i-1])) {
			starts = append(starts, i)
		}
	}
	return starts
}

func anyDeadline(Deadline, string, string) bool { return true }

func periodicDeadline(d Deadline, _, _ string) bool {
	return d.Kind == DeadlineRecurring || d.Kind == DeadlineContinuous
}

// pointDeadline accepts a deadline with a due day or a span, not a frequency.
func pointDeadline(d Deadline, words, rest string) bool { return !periodicDeadline(d, words, rest) }

// clauseEnds reports whether folded rest starts where the clause ends.
func clauseEnds(rest string) bool {
	return rest == "" || strings.IndexByte(".;)\n!?", rest[0]) >= 0
}

// timeEnds reports whether the deadline is the clause's time: nothing of
// the clause follows it, or a comma sets it off.
func timeEnds(rest string) bool { return clauseEnds(rest) || rest[0] == ',' }

// pointAtEnd accepts a time phrase inside a clause only at its end
// ("Ban hành quy chế trong năm 2025."): before more words it more often
// qualifies a noun ("chương trình … trong giai đoạn 2026 - 2030, trong đó …").
func pointAtEnd(d Deadline, words, rest string) bool {
	return pointDeadline(d, words, rest) && clauseEnds(rest)
}

func deadlineAtEnd(_ Deadline, _, rest string) bool { return timeEnds(rest) }

func periodicAtEnd(d Deadline, words, rest string) bool {
	return periodicDeadline(d, words, rest) && clauseEnds(rest)
}

// clauseDeadline accepts at a clause start a deadline that stands alone,
// followed by nothing, a comma or a colon: "Hằng năm, Sở … chủ trì",
// "Thường xuyên." but not "Thường xuyên cải tạo …"; "Năm 2025, hoàn thành
// …", "Trong giai đoạn 2025 - 2030, …", "Quý III/2025: …".
func clauseDeadline(d Deadline, words, rest string) bool {
	return timeEnds(rest) || rest[0] == ':'
}

// maxDeadlineWords bounds how far after a trigger a deadline phrase may run
// ("trước ngày 30 tháng 6 năm 2025" is 7 words).
const maxDeadlineWords = 9

// deadlineAt reads the longest deadline phrase starting at folded byte at.
func (ft foldedText) deadlineAt(at int, accept func(Deadline, string, string) bool) (Deadline, bool) {
	ends := make([]int, 0, maxDeadlineWords)
	for i := at; i < len(ft.s) && len(ends) < maxDeadlineWords; {
		for i < len(ft.s) && ft.s[i] == ' ' {
			i++
		}
		if i == len(ft.s) || ft.s[i] == '\n' {
			break
		}
		j := strings.IndexAny(ft.s[i:], " \n")
		if j < 0 {
			j = len(ft.s) - i
		}
		i += j
		ends = append(ends, i)
	}
	if len(ends) == 0 || !mayStartDeadline(ft.s[at:ends[0]]) {
		return Deadline{}, false
	}
	for n := len(ends); n > 0; n-- {
		if !mayEndDeadline(ft.s[at:ends[n-1]]) {
			continue
		}
		i, j := deadlineBounds(ft.s[at:ends[n-1]])
		start, end := at+i, at+j
		if start >= end {
			continue
		}
		words := trimDeadline(ft.s[start:end])
		d, err := parseFolded(words)
		if err != nil || !accept(d, words, strings.TrimLeft(ft.s[end:], " ")) {
			continue
		}
		d.Text = strings.TrimSpace(ft.source(start, end))
		return d, true
	}
	return Deadline{}, false
}

// mayStartDeadline reports whether a deadline phrase can begin with the
// folded word w (punctuation around it allowed). Most clause openings
// ("tổ chức", "xây dựng") cannot, and are rejected before any parsing.
func mayStartDeadline(w string) bool {
	i, j := deadlineBounds(w)
	if w = w[i:j]; w == "" {
		return false
	}
	if '0' <= w[0] && w[0] <= '9' {
		return true
	}
	if k := strings.IndexAny(w, "/.-,"); k > 0 {
		w = w[:k]
	}
	switch w {
	case "ngay", "thang", "quy", "nam", "sau", "nua", "truoc", "trong", "den", "toi", "het", "cuoi",
		"vao", "cham", "han", "ca", "suot", "tu", "giai", "thoi", "cac", "hang", "moi", "dinh",
		"thuong", "lien", "hoan", "thuc", "trien":
		return true
	}
	return false
}

// mayEndDeadline reports whether folded words s can be a whole deadline
// phrase judging by the last word: a number ("5/2025", "2030") or a word
// periods end with ("năm", "quý", "xuyên", "tục", …). It saves parsing
// every shorter prefix of a clause.
func mayEndDeadline(s string) bool {
	_, j := deadlineBounds(s)
	s = s[:j]
	if s == "" {
		return false
	}
	if isDigit(s[len(s)-1]) {
		return true
	}
	w := s[strings.LastIndexAny(s, " ,(/")+1:]
	switch w {
	case "nam", "quy", "thang", "xuyen", "tuc", "nien", "lan", "ngay", "ky", "cuoi":
		return true
	}
	return false
}

// foldedText is a text folded for matching (lower case, no diacritics,
// đ→d, every whitespace rune a space) that remembers where each folded byte
// came from, so that a match can be cut out of the original words.
type foldedText struct {
	src string  // the text as given
	s   string  // the text folded
	off []int32 // off[i] is the src byte offset of folded byte i; off[len(s)] is len(src)
}

// source returns the original words behind folded bytes [i, j).
func (ft foldedText) source(i, j int) string { return ft.src[ft.off[i]:ft.off[j]] }

// foldWithOffsets folds src rune by rune; unlike vntext.Fold it keeps every
// whitespace rune (as a space, line breaks as "\n") so offsets stay exact.
func foldWithOffsets(src string) foldedText {
	var b strings.Builder
	b.Grow(len(src))
	off := make([]int32, 0, len(src)+1)
	var fc foldCache
	for i, r := range src {
		switch {
		case r < utf8.RuneSelf:
			if r == '\n' || r == '\r' {
				r = '\n'
			} else if unicode.IsSpace(r) {
				r = ' '
			} else if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			b.WriteByte(byte(r))
			off = append(off, int32(i))
		case unicode.IsSpace(r):
			b.WriteByte(' ')
			off = append(off, int32(i))
		default:
			f := fc.fold(r)
			b.WriteString(f)
			for range len(f) {
				off = append(off, int32(i))
			}
		}
	}
	off = append(off, int32(len(src)))
	return foldedText{src: src, s: b.String(), off: off}
}

// foldCache remembers vntext.Fold of the runes of one text: a paragraph
// uses a few dozen distinct letters hundreds of times. Vietnamese letters
// (Latin blocks up to U+024F and U+1E00–U+1EFF) are kept in arrays, others in a map.
type foldCache struct {
	latin [0x250 - 0x80]string
	extra [0x100]string
	other map[rune]string
}

func (c *foldCache) fold(r rune) string {
	var slot *string
	switch {
	case r < 0x250:
		slot = &c.latin[r-0x80]
	case 0x1E00 <= r && r < 0x1F00:
		slot = &c.extra[r-0x1E00]
	default:
		f, ok := c.other[r]
		if !ok {
			if c.other == nil {
				c.other = make(map[rune]string)
			}
			f = vntext.Fold(string(r))
			c.other[r] = f
		}
		return f
	}
	if *slot == "" {
		*slot = vntext.Fold(string(r))
	}
	return *slot
}
