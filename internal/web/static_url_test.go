package web

import "testing"

func TestStaticURL(t *testing.T) {
	a, err := loadAssets("")
	if err != nil {
		t.Fatal(err)
	}
	got, err := StaticURL("app.css")
	if err != nil || got != a.staticURL("app.css") {
		t.Errorf("StaticURL = %q, %v; the pages link %q", got, err, a.staticURL("app.css"))
	}
	if _, err := StaticURL("nothing.css"); err == nil {
		t.Error("no error for a file the UI does not have")
	}
}
