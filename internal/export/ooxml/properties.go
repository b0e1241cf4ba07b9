package ooxml

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Properties are a package's document properties (File › Properties in
// Word and LibreOffice): what the document is, who issued it, the program
// that wrote it and when. godocx's template carries its own ("gomutex",
// 2013, a thumbnail of another document); Finish replaces them.
type Properties struct {
	Title       string
	Subject     string
	Creator     string // who issued the document: an agency
	Language    string // "vi-VN"
	Application string // the program that wrote it: "tiendo"
	Created     time.Time
}

// Parts of the package that hold the properties.
const (
	partCore      = "docProps/core.xml"
	partApp       = "docProps/app.xml"
	partThumbnail = "docProps/thumbnail.jpeg"
	partRootRels  = "_rels/.rels"

	ctCore   = "application/vnd.openxmlformats-package.core-properties+xml"
	ctApp    = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
	relCore  = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
	relApp   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
	relThumb = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"
)

// CoreXML is docProps/core.xml for p: title, subject, creator, language,
// created and modified (both p.Created, in UTC).
func CoreXML(p Properties) string {
	at := p.Created.UTC().Format(time.RFC3339)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	fmt.Fprintf(&b, `<dc:title>%s</dc:title><dc:subject>%s</dc:subject><dc:creator>%s</dc:creator>`,
		escape(p.Title), escape(p.Subject), escape(p.Creator))
	fmt.Fprintf(&b, `<cp:lastModifiedBy>%s</cp:lastModifiedBy><cp:revision>1</cp:revision>`, escape(p.Creator))
	if p.Language != "" {
		fmt.Fprintf(&b, `<dc:language>%s</dc:language>`, escape(p.Language))
	}
	fmt.Fprintf(&b, `<dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified>`, at, at)
	b.WriteString(`</cp:coreProperties>`)
	return b.String()
}

// AppXML is docProps/app.xml for p: the application that wrote the
// document, and nothing a template could leave behind (page and word
// counts are the reader's to compute).
func AppXML(p Properties) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
		`<Application>` + escape(p.Application) + `</Application><DocSecurity>0</DocSecurity></Properties>`
}

// setProperties writes p's parts into parts (adding them to order, the
// content types and the package relationships when absent) and drops the
// template's thumbnail.
func setProperties(parts map[string][]byte, order *[]string, p Properties) error {
	for name, body := range map[string]string{partCore: CoreXML(p), partApp: AppXML(p)} {
		if _, ok := parts[name]; !ok {
			*order = append(*order, name)
		}
		parts[name] = []byte(body)
	}
	ct := string(parts[partContentTypes])
	var err error
	if ct, err = addOverride(ct, "/"+partCore, ctCore); err != nil {
		return err
	}
	if ct, err = addOverride(ct, "/"+partApp, ctApp); err != nil {
		return err
	}
	parts[partContentTypes] = []byte(ct)

	rels, ok := parts[partRootRels]
	if !ok {
		return errors.New("ooxml: package has no " + partRootRels)
	}
	r := dropRelationship(string(rels), relThumb)
	for typ, target := range map[string]string{relCore: partCore, relApp: partApp} {
		if !strings.Contains(r, `Type="`+typ+`"`) {
			if r, err = addRelationship(r, freeRelID(r, "rIdTiendoProps", 1), typ, target); err != nil {
				return err
			}
		}
	}
	parts[partRootRels] = []byte(r)
	if _, ok := parts[partThumbnail]; ok {
		delete(parts, partThumbnail)
		for i, name := range *order {
			if name == partThumbnail {
				*order = append((*order)[:i], (*order)[i+1:]...)
				break
			}
		}
	}
	return nil
}

// dropRelationship removes every Relationship of type typ.
func dropRelationship(rels, typ string) string {
	re := regexp.MustCompile(`<Relationship [^>]*Type="` + regexp.QuoteMeta(typ) + `"[^>]*?(/>|></Relationship>)`)
	return re.ReplaceAllString(rels, "")
}
