package web_test

import (
	"context"
	stdcsv "encoding/csv"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"tiendo/internal/figures"
)

// weightsAre checks the plan's stored ranking weights and their version.
func weightsAre(version int, w figures.Weights) func(t *testing.T, a *app, r *response) {
	return func(t *testing.T, a *app, r *response) {
		t.Helper()
		got, err := a.store.RankingWeights(context.Background(), a.f.planID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != version || got.Weights != w {
			t.Errorf("stored weights: version %d, %+v; want version %d, %+v", got.Version, got.Weights, version, w)
		}
	}
}

// weightsForm is the weights form with the defaults for 2025, changed by kv.
func weightsForm(kv ...string) func(a *app) url.Values {
	return func(a *app) url.Values {
		v := url.Values{"version": {"0"}, "year": {"2025"}, "on_time": {"50"}, "timeliness": {"30"}, "indicators": {"20"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], a.expand(kv[i+1]))
		}
		return v
	}
}

// rankingScenarios reach the yearly ranking and its weights form as
// allowed and forbidden roles: the table with each component's counts,
// the method and weights in force, field errors beside the fields, a save,
// and a conflict between two editors. They run on the plain test app
// (TestScenarios) on 01/09/2025 and write only the plan's ranking weights.
func rankingScenarios() []scenario {
	const path, save = "/plans/{plan}/ranking", "/plans/{plan}/ranking/weights"
	return []scenario{
		// Reading: everyone signed in; the form only for editors.
		{name: "ranking for a leader", role: "leader", method: "GET", path: path, status: 200,
			sel:   []string{"table.ranking-table", "tr[data-agency={khcn}] th.agency", "section.ranking-method ol li", "nav a.nav-dashboard[aria-current=page]"},
			none:  []string{"form.ranking-weights-form", ".alert-ok", "[style]", "script:not([src])"},
			count: map[string]int{"table.ranking-table tbody tr": 2},
			text: map[string]string{"h1": "Xếp hạng cơ quan năm 2025", ".ranking-asof time": "01/09/2025",
				"tr[data-agency={khcn}] .rank": "1", "tr[data-agency={khcn}] .score": "0",
				"tr[data-agency={khcn}] .part-count": "0/1", "tr[data-agency={khcn}] .part-rate": "0%",
				"tr[data-agency={tc}] .part-count": "—",
				".ranking-weights":                 "(mặc định)", ".ranking-weights .w-on-time": "50", ".ranking-weights .w-indicators": "20"}},
		{name: "ranking for an agency's officer", role: "officer", method: "GET", path: path + "?year=2025", status: 200,
			sel: []string{"table.ranking-table"}, none: []string{"form.ranking-weights-form"}},
		{name: "ranking of a year without anything due", role: "head", method: "GET", path: path + "?year=2024", status: 200,
			sel: []string{".ranking-empty"}, none: []string{"table.ranking-table"}, text: map[string]string{".ranking-asof time": "31/12/2024"}},
		{name: "ranking page links its downloads", role: "leader", method: "GET", path: path + "?year=2025", status: 200,
			sel: []string{"a.dl-xlsx[href='/plans/{plan}/ranking.xlsx?year=2025']", "a.dl-csv[href='/plans/{plan}/ranking.csv?year=2025']"}},
		{name: "ranking xlsx equals the page", role: "leader", method: "GET", path: path + ".xlsx?year=2025", status: 200,
			then: rankingXLSXMatchesPage},
		{name: "ranking csv", role: "officer", method: "GET", path: path + ".csv?year=2025", status: 200, then: rankingCSVHeaders},
		{name: "ranking xlsx anon", role: "anon", method: "GET", path: path + ".xlsx", status: 303, loc: toLogin},
		{name: "ranking csv bad year", role: "leader", method: "GET", path: path + ".csv?year=1990", status: 404},
		{name: "ranking anon", role: "anon", method: "GET", path: path, status: 303, loc: toLogin},
		{name: "ranking bad year", role: "leader", method: "GET", path: path + "?year=hai-nghin", status: 404, sel: []string{msgNotFound}},
		{name: "ranking year out of range", role: "leader", method: "GET", path: path + "?year=1990", status: 404},
		{name: "ranking unknown plan", role: "leader", method: "GET", path: "/plans/999999/ranking", status: 404},
		{name: "plan page links the ranking", role: "officer", method: "GET", path: "/plans/{plan}", status: 200, sel: []string{"a.ranking-link[href=/plans/{plan}/ranking]"}},

		// The form, for the coordinator.
		{name: "ranking weights form", role: "coordinator", method: "GET", path: path, status: 200,
			sel: []string{"form.ranking-weights-form[method=post][action=/plans/{plan}/ranking/weights] input[type=hidden][name=version][value=0]",
				"input[type=hidden][name=year][value=2025]", "input#on_time[value=50]", "input#timeliness[value=30]", "input#indicators[value=20]"},
			none: []string{".field.invalid", ".form-error"}},

		// Who may save.
		{name: "ranking weights: officer may not", role: "officer", method: "POST", path: save, form: weightsForm("on_time", "60", "timeliness", "20"), status: 403,
			sel: []string{msgForbidden}, then: weightsAre(0, figures.DefaultWeights)},
		{name: "ranking weights: leader may not", role: "leader", method: "POST", path: save, form: weightsForm(), status: 403},
		{name: "ranking weights: head may not", role: "head", method: "POST", path: save, form: weightsForm(), status: 403},
		{name: "ranking weights: unknown plan", role: "coordinator", method: "POST", path: "/plans/999999/ranking/weights", form: weightsForm(), status: 404},

		// Field errors beside the fields, the input kept, nothing saved.
		{name: "ranking weights invalid", role: "coordinator", method: "POST", path: save,
			form: weightsForm("on_time", "năm mươi", "timeliness", "-5", "indicators", ""), status: 422,
			sel: []string{".field.invalid[data-field=on_time] .field-error", "input#on_time[value='năm mươi']", "input#timeliness[value='-5']",
				"input#indicators[value='']", "table.ranking-table"},
			none: []string{".field.invalid[data-field=sum]"},
			text: map[string]string{"[data-field=on_time] .field-error": "Số không hợp lệ", "[data-field=timeliness] .field-error": "không được âm",
				"[data-field=indicators] .field-error": "Hãy nhập trọng số"},
			then: weightsAre(0, figures.DefaultWeights)},
		{name: "ranking weights not adding up to 100", role: "coordinator", method: "POST", path: save,
			form: weightsForm("indicators", "30"), status: 422,
			sel:  []string{".field.invalid[data-field=sum] .field-error", "input#indicators[value=30]"},
			none: []string{".field.invalid[data-field=on_time]"},
			text: map[string]string{"[data-field=sum] .field-error": "hiện là 110"},
			then: weightsAre(0, figures.DefaultWeights)},

		// Saving, with decimals written the Vietnamese way.
		{name: "ranking weights save", role: "coordinator", method: "POST", path: save,
			form: weightsForm("on_time", "62,5", "timeliness", "17,5"), status: 303, loc: "/plans/{plan}/ranking?year=2025&saved=1$",
			then: weightsAre(1, figures.Weights{OnTime: 62.5, Timeliness: 17.5, Indicators: 20})},
		{name: "ranking weights saved shows", role: "coordinator", method: "GET", path: path + "?year=2025&saved=1", status: 200,
			sel:  []string{".alert-ok", "input[name=version][value=1]", "input#indicators[value=20]"},
			text: map[string]string{".ranking-weights": "lần lưu thứ 1", ".ranking-weights .w-on-time": "62,5", ".ranking-weights .w-timeliness": "17,5"},
			then: inputValues(map[string]string{"input#on_time": "62,5", "input#timeliness": "17,5"})},

		// Two editors: the second is told, keeps the input, sees the other save.
		{name: "ranking weights conflict keeps the input", role: "admin", method: "POST", path: save,
			form: weightsForm("version", "0", "on_time", "40", "timeliness", "40"), status: 409,
			sel:  []string{"input#on_time[value=40]", "input#timeliness[value=40]", "input[name=version][value=1]", ".saved-values .their-weights"},
			text: map[string]string{".form-error": "Người khác vừa lưu trọng số", ".saved-values .their-weights": "Nhiệm vụ 62,5, báo cáo 17,5, chỉ tiêu 20"},
			then: weightsAre(1, figures.Weights{OnTime: 62.5, Timeliness: 17.5, Indicators: 20})},
		{name: "ranking weights saved again after the conflict", role: "admin", method: "POST", path: save,
			form: weightsForm("version", "1", "on_time", "40", "timeliness", "40"), status: 303,
			then: weightsAre(2, figures.Weights{OnTime: 40, Timeliness: 40, Indicators: 20})},
	}
}

// pageNumber reads a number as the page writes it: "1.234,5".
func pageNumber(t *testing.T, s string) float64 {
	t.Helper()
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(s), ".", ""), ",", "."), 64)
	if err != nil {
		t.Fatalf("page number %q: %v", s, err)
	}
	return f
}

// rankingXLSXMatchesPage opens the ranking workbook with excelize and
// checks that every agency's rank, score and on-time counts equal the
// page's, and that the weights in force are on each row.
func rankingXLSXMatchesPage(t *testing.T, a *app, r *response) {
	t.Helper()
	f, err := excelize.OpenReader(strings.NewReader(r.body))
	if err != nil {
		t.Fatalf("ranking.xlsx: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("Xếp hạng", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || !strings.Contains(rows[0][0], "XẾP HẠNG CƠ QUAN NĂM 2025") || rows[1][0] != "Hạng" || rows[1][2] != "Điểm (thang 100)" ||
		rows[1][3] != "Nhiệm vụ đúng hạn: đạt" || rows[1][12] != "Trọng số nhiệm vụ" {
		t.Fatalf("ranking.xlsx title and header: %v", rows[:min(2, len(rows))])
	}
	page := a.as("leader").get(a.expand("/plans/{plan}/ranking?year=2025")).doc()
	trs := page.all("table.ranking-table tbody tr")
	if len(rows)-2 != len(trs) || len(trs) == 0 {
		t.Fatalf("xlsx has %d agencies, page %d", len(rows)-2, len(trs))
	}
	for i, tr := range trs {
		row := rows[i+2]
		sub := &doc{t: t, root: tr}
		if row[1] != sub.text("th.agency") || row[0] != sub.text(".rank") {
			t.Errorf("xlsx row %d: %v; page %q rank %q", i, row, sub.text("th.agency"), sub.text(".rank"))
		}
		score, err := strconv.ParseFloat(row[2], 64)
		if err != nil || score != pageNumber(t, sub.text(".score")) {
			t.Errorf("%s: xlsx score %q, page %q", row[1], row[2], sub.text(".score"))
		}
		if count := sub.text(".part-count"); count != "—" {
			num, den, _ := strings.Cut(count, "/")
			if row[3] != strconv.FormatFloat(pageNumber(t, num), 'f', -1, 64) || row[4] != strconv.FormatFloat(pageNumber(t, den), 'f', -1, 64) {
				t.Errorf("%s: xlsx on time %s/%s, page %s", row[1], row[3], row[4], count)
			}
		} else if len(row) > 3 && row[3] != "" {
			t.Errorf("%s: xlsx on time %q for a component the page shows as —", row[1], row[3])
		}
		if len(row) < 15 || row[12] != "50" || row[13] != "30" || row[14] != "20" {
			t.Errorf("%s: weights %v", row[1], row)
		}
	}
}

// rankingCSVHeaders checks the CSV: BOM, Vietnamese headers, a row per agency.
func rankingCSVHeaders(t *testing.T, a *app, r *response) {
	t.Helper()
	if !strings.HasPrefix(r.body, "\uFEFF") || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Errorf("ranking.csv: %s, BOM %v", r.header.Get("Content-Type"), strings.HasPrefix(r.body, "\uFEFF"))
	}
	recs, err := stdcsv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatalf("ranking.csv: %v", err)
	}
	if len(recs) != 3 || recs[0][1] != "Cơ quan" || recs[0][5] != "Nhiệm vụ đúng hạn: tỷ lệ" || recs[0][14] != "Trọng số chỉ tiêu" {
		t.Errorf("ranking.csv: %v", recs)
	}
}
