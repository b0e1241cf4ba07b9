package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"mime"
	"os"
	"path"
	"path/filepath"
	"strings"

	"tiendo/internal/chart"
)

// embedded holds the templates and static files compiled into the binary,
// so that the server needs no files beside it and no Internet.
//
//go:embed templates static
var embedded embed.FS

// assets is one consistent set of parsed templates and static files.
type assets struct {
	pages  map[string]*template.Template // page name ("plan_show") → layout + partials + page
	static map[string]staticFile         // file name ("app.css") → content
}

// staticFile is one static file with the hash that goes into its URL.
type staticFile struct {
	data  []byte
	hash  string // first 12 hex digits of its SHA-256: changes whenever the file does
	ctype string
}

// loadAssets reads templates and static files from dir (development) or
// from the embedded copy when dir is "". dir is this package's directory
// (internal/web); its templates/ folder itself is accepted too, since that
// is what `serve --dev-templates` suggests.
func loadAssets(dir string) (*assets, error) {
	var fsys fs.FS = embedded
	if dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "layout.html")); err == nil {
			dir = filepath.Dir(filepath.Clean(dir))
		}
		fsys = os.DirFS(dir)
	}
	a := &assets{pages: map[string]*template.Template{}, static: map[string]staticFile{}}
	if err := a.loadStatic(fsys); err != nil {
		return nil, err
	}
	if err := a.loadTemplates(fsys); err != nil {
		return nil, err
	}
	return a, nil
}

func (a *assets) loadStatic(fsys fs.FS) error {
	names, err := fs.Glob(fsys, "static/*")
	if err != nil {
		return err
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return fmt.Errorf("web: static file: %w", err)
		}
		sum := sha256.Sum256(data)
		ctype := mime.TypeByExtension(path.Ext(name))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		a.static[path.Base(name)] = staticFile{data: data, hash: hex.EncodeToString(sum[:6]), ctype: ctype}
	}
	return nil
}

// loadTemplates parses each page template together with the layout and the
// partials it may call, one template set per page so that pages can each
// define "title" and "content".
func (a *assets) loadTemplates(fsys fs.FS) error {
	pages, err := fs.Glob(fsys, "templates/*.html")
	if err != nil {
		return err
	}
	for _, p := range pages {
		name := strings.TrimSuffix(path.Base(p), ".html")
		if name == "layout" {
			continue
		}
		t, err := template.New(name).Funcs(a.funcs()).ParseFS(fsys, "templates/layout.html", "templates/partials/*.html", p)
		if err == nil {
			_, err = t.New("chart").Parse(chart.Template) // the charts' SVG, shared with /open
		}
		if err != nil {
			return fmt.Errorf("web: template %s: %w", name, err)
		}
		a.pages[name] = t
	}
	return nil
}

// staticURL is the address of a static file with its content hash, so that
// browsers may cache it for a year and still see every change.
func (a *assets) staticURL(name string) string {
	f, ok := a.static[name]
	if !ok {
		return "/static/missing/" + name
	}
	return "/static/" + f.hash + "/" + name
}
