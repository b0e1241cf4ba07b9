// Package ooxml writes the few WordprocessingML parts that godocx cannot:
// section properties with two header references (godocx models only one),
// the page-number header parts, their relationships and content types.
//
// It works as a post-processor on the .docx bytes godocx produces, because
// godocx offers no hook for extra parts; keeping that surgery in one small
// package means the report writer stays a plain user of the library and the
// OOXML details are tested in isolation.
package ooxml

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// Namespaces used by the parts written here.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR       = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relHeader = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
	ctHeader  = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
)

// Part names inside the package.
const (
	partDocument     = "word/document.xml"
	partDocumentRels = "word/_rels/document.xml.rels"
	partContentTypes = "[Content_Types].xml"
)

// TwipsPerMM converts millimetres to twips (1/20 pt), the unit of sectPr.
const TwipsPerMM = 1440.0 / 25.4

// MM returns the length mm millimetres in twips, rounded to the nearest twip.
func MM(mm float64) int { return int(mm*TwipsPerMM + 0.5) }

// PageLayout is the page geometry of the single section, in twips.
type PageLayout struct {
	Width, Height                  int
	MarginTop, MarginBottom        int
	MarginLeft, MarginRight        int
	HeaderDistance, FooterDistance int // from the page edge to the header/footer
}

// A4Decree30 is A4 portrait with margins inside the Decree 30/2020 ranges
// (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm): top and bottom 20 mm,
// left 30 mm, right 15 mm, the usual choice of provincial offices because it
// leaves the widest text column. The header sits 10 mm from the top edge so
// the page number stays inside the top margin.
func A4Decree30() PageLayout {
	return PageLayout{
		Width: 11906, Height: 16838,
		MarginTop: MM(20), MarginBottom: MM(20),
		MarginLeft: MM(30), MarginRight: MM(15),
		HeaderDistance: MM(10), FooterDistance: MM(10),
	}
}

// TextWidth is the width between the left and right margins, in twips.
func (l PageLayout) TextWidth() int { return l.Width - l.MarginLeft - l.MarginRight }

// PageNumbers describes the running page number: centred at the top, from
// page 2 on (Decree 30 wants no number on the first page).
type PageNumbers struct {
	Font    string // e.g. "Times New Roman"
	HalfPts int    // font size in half-points, e.g. 28 for 14 pt
}

// Options says what Finish writes.
type Options struct {
	Layout PageLayout
	// PageNumbers, when non-nil, adds a default header with a PAGE field and
	// an empty first-page header, and turns on titlePg so page 1 uses it.
	PageNumbers *PageNumbers
	// Properties, when non-nil, replace the template's document properties
	// (and drop its thumbnail); their Created time also dates the parts.
	Properties *Properties
}

// Finish rewrites a .docx package: it replaces the body's final w:sectPr with
// one built from opt and, if asked, adds the page-number headers together
// with their relationships and content-type overrides. Other parts are copied
// unchanged, in their original order.
func Finish(docx []byte, opt Options) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(docx), int64(len(docx)))
	if err != nil {
		return nil, fmt.Errorf("ooxml: read package: %w", err)
	}
	parts := make(map[string][]byte, len(zr.File))
	order := make([]string, 0, len(zr.File)+2)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("ooxml: open %s: %w", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, fmt.Errorf("ooxml: read %s: %w", f.Name, err)
		}
		parts[f.Name] = b
		order = append(order, f.Name)
	}
	for _, p := range []string{partDocument, partDocumentRels, partContentTypes} {
		if _, ok := parts[p]; !ok {
			return nil, fmt.Errorf("ooxml: package has no %s", p)
		}
	}

	var defaultID, firstID string
	if opt.PageNumbers != nil {
		defName, firstName := freeName(parts, "word/header", 1), ""
		parts[defName] = []byte(HeaderXML(opt.PageNumbers, true))
		firstName = freeName(parts, "word/header", 1)
		parts[firstName] = []byte(HeaderXML(opt.PageNumbers, false))
		order = append(order, defName, firstName)

		rels := string(parts[partDocumentRels])
		defaultID = freeRelID(rels, "rIdTiendoHeader", 1)
		rels, err = addRelationship(rels, defaultID, relHeader, strings.TrimPrefix(defName, "word/"))
		if err != nil {
			return nil, err
		}
		firstID = freeRelID(rels, "rIdTiendoHeader", 1)
		rels, err = addRelationship(rels, firstID, relHeader, strings.TrimPrefix(firstName, "word/"))
		if err != nil {
			return nil, err
		}
		parts[partDocumentRels] = []byte(rels)

		ct := string(parts[partContentTypes])
		for _, name := range []string{defName, firstName} {
			if ct, err = addOverride(ct, "/"+name, ctHeader); err != nil {
				return nil, err
			}
		}
		parts[partContentTypes] = []byte(ct)
	}

	doc, err := replaceSectPr(string(parts[partDocument]), SectPrXML(opt.Layout, defaultID, firstID))
	if err != nil {
		return nil, err
	}
	parts[partDocument] = []byte(doc)
	var modified time.Time
	if opt.Properties != nil {
		if err := setProperties(parts, &order, *opt.Properties); err != nil {
			return nil, err
		}
		modified = opt.Properties.Created
	}

	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, name := range order {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified})
		if err != nil {
			return nil, fmt.Errorf("ooxml: write %s: %w", name, err)
		}
		if _, err := w.Write(parts[name]); err != nil {
			return nil, fmt.Errorf("ooxml: write %s: %w", name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return nil, fmt.Errorf("ooxml: close package: %w", err)
	}
	return out.Bytes(), nil
}

// SectPrXML returns the body's final w:sectPr. Element order follows
// CT_SectPr (header references, pgSz, pgMar, cols, titlePg, docGrid); Word
// rejects out-of-order section properties. With empty header ids no header
// references and no titlePg are written.
func SectPrXML(l PageLayout, defaultHeaderID, firstHeaderID string) string {
	var b strings.Builder
	b.WriteString(`<w:sectPr>`)
	if defaultHeaderID != "" {
		fmt.Fprintf(&b, `<w:headerReference w:type="default" r:id="%s"/>`, escape(defaultHeaderID))
	}
	if firstHeaderID != "" {
		fmt.Fprintf(&b, `<w:headerReference w:type="first" r:id="%s"/>`, escape(firstHeaderID))
	}
	fmt.Fprintf(&b, `<w:pgSz w:w="%d" w:h="%d"/>`, l.Width, l.Height)
	fmt.Fprintf(&b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		l.MarginTop, l.MarginRight, l.MarginBottom, l.MarginLeft, l.HeaderDistance, l.FooterDistance)
	b.WriteString(`<w:cols w:space="720"/>`)
	if firstHeaderID != "" {
		b.WriteString(`<w:titlePg/>`)
	}
	b.WriteString(`<w:docGrid w:linePitch="360"/></w:sectPr>`)
	return b.String()
}

// HeaderXML returns a header part. The default header holds one centred
// paragraph with a PAGE field (a complex field, which both Word and
// LibreOffice update on render); the first-page header is an empty paragraph
// so page 1 shows no number.
func HeaderXML(pn *PageNumbers, withPage bool) string {
	rpr := fmt.Sprintf(`<w:rPr><w:rFonts w:ascii="%[1]s" w:hAnsi="%[1]s" w:eastAsia="%[1]s" w:cs="%[1]s"/><w:sz w:val="%[2]d"/><w:szCs w:val="%[2]d"/></w:rPr>`,
		escape(pn.Font), pn.HalfPts)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	fmt.Fprintf(&b, `<w:hdr xmlns:w="%s" xmlns:r="%s">`, nsW, nsR)
	b.WriteString(`<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="0"/>` + rpr + `</w:pPr>`)
	if withPage {
		b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="begin"/></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="separate"/></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:t>2</w:t></w:r>`)
		b.WriteString(`<w:r>` + rpr + `<w:fldChar w:fldCharType="end"/></w:r>`)
	}
	b.WriteString(`</w:p></w:hdr>`)
	return b.String()
}

// replaceSectPr drops the body-level w:sectPr (the last one, directly before
// </w:body>) and inserts sect in its place. Paragraph-level sectPr elements
// (inside w:pPr) are left alone.
func replaceSectPr(doc, sect string) (string, error) {
	end := strings.LastIndex(doc, "</w:body>")
	if end < 0 {
		return "", errors.New("ooxml: document.xml has no </w:body>")
	}
	head := doc[:end]
	trimmed := strings.TrimRight(head, " \t\r\n")
	if strings.HasSuffix(trimmed, "</w:sectPr>") {
		start := strings.LastIndex(trimmed, "<w:sectPr")
		if start < 0 {
			return "", errors.New("ooxml: unbalanced w:sectPr in document.xml")
		}
		head = trimmed[:start]
	} else if last := strings.LastIndex(trimmed, "<"); last >= 0 &&
		strings.HasPrefix(trimmed[last:], "<w:sectPr") && strings.HasSuffix(trimmed, "/>") {
		head = trimmed[:last] // an empty <w:sectPr/>
	}
	body := strings.Index(doc, "<w:body")
	if body < 0 {
		return "", errors.New("ooxml: document.xml has no <w:body>")
	}
	if !strings.Contains(doc[:body], `xmlns:r=`) {
		return "", errors.New("ooxml: document.xml does not declare the r: namespace")
	}
	return head + sect + doc[end:], nil
}

// addRelationship appends a Relationship element before </Relationships>.
func addRelationship(rels, id, typ, target string) (string, error) {
	i := strings.LastIndex(rels, "</Relationships>")
	if i < 0 {
		return "", errors.New("ooxml: document.xml.rels has no </Relationships>")
	}
	el := fmt.Sprintf(`<Relationship Id="%s" Type="%s" Target="%s"/>`, escape(id), escape(typ), escape(target))
	return rels[:i] + el + rels[i:], nil
}

// addOverride appends an Override element before </Types> unless the part
// already has one.
func addOverride(ct, part, typ string) (string, error) {
	if strings.Contains(ct, `PartName="`+part+`"`) {
		return ct, nil
	}
	i := strings.LastIndex(ct, "</Types>")
	if i < 0 {
		return "", errors.New("ooxml: [Content_Types].xml has no </Types>")
	}
	el := fmt.Sprintf(`<Override PartName="%s" ContentType="%s"/>`, escape(part), escape(typ))
	return ct[:i] + el + ct[i:], nil
}

// freeName returns prefix+N+".xml" for the smallest N ≥ from not in parts.
func freeName(parts map[string][]byte, prefix string, from int) string {
	for n := from; ; n++ {
		name := fmt.Sprintf("%s%d.xml", prefix, n)
		if _, ok := parts[name]; !ok {
			return name
		}
	}
}

// freeRelID returns prefix+N for the smallest N ≥ from not used as an Id.
func freeRelID(rels, prefix string, from int) string {
	for n := from; ; n++ {
		id := fmt.Sprintf("%s%d", prefix, n)
		if !strings.Contains(rels, `Id="`+id+`"`) {
			return id
		}
	}
}

// escape escapes s for use in XML text and attribute values.
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
