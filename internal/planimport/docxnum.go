package planimport

import (
	"archive/zip"
	"encoding/xml"
	"strconv"
	"strings"
)

// Word's automatic numbering keeps "III.", "1." and "a)" out of the text:
// they live in numbering.xml as level formats ("%1.%2.") and counters. To
// read the plan's tree they are rebuilt here, best effort: per abstract
// list, counters per level, deeper levels restarting when a higher one
// moves on — what Word does for the simple lists plans use.

// numLevel is one w:lvl of an abstract numbering definition.
type numLevel struct {
	start  int
	format string // w:numFmt: decimal, upperRoman, lowerLetter, bullet…
	text   string // w:lvlText: "%1.", "%1.%2.", "%1)"
	style  string // w:pStyle linking a paragraph style to this level
}

// levels are the nine levels of an abstract numbering definition.
type levels [9]numLevel

// numbering is what numbering.xml and styles.xml say about lists.
type numbering struct {
	abstract  map[string]*levels     // abstractNumId → levels
	num       map[string]string      // numId → abstractNumId
	overrides map[string]map[int]int // numId → ilvl → w:startOverride
	styles    map[string]styleNum    // paragraph styleId → its numbering
}

// styleNum is the numbering a paragraph style carries.
type styleNum struct {
	numID   string
	ilvl    int // -1 when the style does not say
	basedOn string
}

// readNumbering reads word/numbering.xml and the numbering of paragraph
// styles in word/styles.xml; both are optional.
func readNumbering(zr *zip.Reader) (*numbering, *Error) {
	nb := &numbering{
		abstract:  map[string]*levels{},
		num:       map[string]string{},
		overrides: map[string]map[int]int{},
		styles:    map[string]styleNum{},
	}
	if f := zipFile(zr, "word/numbering.xml"); f != nil {
		if err := nb.readPart(f, nb.numberingHandlers()); err != nil {
			return nil, err
		}
	}
	if f := zipFile(zr, "word/styles.xml"); f != nil {
		if err := nb.readPart(f, nb.styleHandlers()); err != nil {
			return nil, err
		}
	}
	return nb, nil
}

type handlers struct {
	start func(xml.StartElement) bool
	end   func(xml.EndElement)
}

func (nb *numbering) readPart(f *zip.File, h handlers) *Error {
	rc, br, err := openPart(f)
	if err != nil {
		return errCorruptPart(f.Name, err)
	}
	defer rc.Close()
	return walkXML(f, br, h.start, h.end, func(xml.CharData) {})
}

func (nb *numbering) numberingHandlers() handlers {
	var abs *levels
	var lvl *numLevel
	var numID string
	overrideLvl := -1
	return handlers{
		start: func(e xml.StartElement) bool {
			switch e.Name.Local {
			case "abstractNum":
				abs = &levels{}
				nb.abstract[xmlAttr(e, "abstractNumId")] = abs
			case "lvl":
				lvl = nil
				if i, err := strconv.Atoi(xmlAttr(e, "ilvl")); err == nil && i >= 0 && i < 9 && abs != nil {
					lvl = &abs[i]
					lvl.start = 1
				}
			case "start":
				if n, err := strconv.Atoi(xmlAttr(e, "val")); err == nil && lvl != nil {
					lvl.start = n
				}
			case "numFmt":
				if lvl != nil {
					lvl.format = xmlAttr(e, "val")
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = xmlAttr(e, "val")
				}
			case "pStyle":
				if lvl != nil {
					lvl.style = xmlAttr(e, "val")
				}
			case "num":
				numID = xmlAttr(e, "numId")
			case "abstractNumId":
				if numID != "" {
					nb.num[numID] = xmlAttr(e, "val")
				}
			case "lvlOverride":
				overrideLvl, _ = strconv.Atoi(xmlAttr(e, "ilvl"))
			case "startOverride":
				if n, err := strconv.Atoi(xmlAttr(e, "val")); err == nil && numID != "" && overrideLvl >= 0 && overrideLvl < 9 {
					if nb.overrides[numID] == nil {
						nb.overrides[numID] = map[int]int{}
					}
					nb.overrides[numID][overrideLvl] = n
				}
			}
			return false
		},
		end: func(e xml.EndElement) {
			switch e.Name.Local {
			case "abstractNum":
				abs = nil
			case "lvl":
				lvl = nil
			case "num":
				numID = ""
			case "lvlOverride":
				overrideLvl = -1
			}
		},
	}
}

func (nb *numbering) styleHandlers() handlers {
	var id string
	var cur styleNum
	inPPr := false
	return handlers{
		start: func(e xml.StartElement) bool {
			switch e.Name.Local {
			case "style":
				id, cur = "", styleNum{ilvl: -1}
				if xmlAttr(e, "type") == "paragraph" {
					id = xmlAttr(e, "styleId")
				}
			case "basedOn":
				cur.basedOn = xmlAttr(e, "val")
			case "pPr":
				inPPr = true
			case "numId":
				if inPPr {
					cur.numID = xmlAttr(e, "val")
				}
			case "ilvl":
				if inPPr {
					if n, err := strconv.Atoi(xmlAttr(e, "val")); err == nil && n >= 0 && n < 9 {
						cur.ilvl = n
					}
				}
			}
			return false
		},
		end: func(e xml.EndElement) {
			switch e.Name.Local {
			case "pPr":
				inPPr = false
			case "style":
				if id != "" {
					nb.styles[id] = cur
				}
				id = ""
			}
		},
	}
}

// resolve returns the list and level a paragraph is numbered with: its own
// w:numPr, else its style's (following w:basedOn), the level coming from
// the abstract level linked to the style when the style gives none.
func (nb *numbering) resolve(p docxPara) (numID string, ilvl int) {
	numID, ilvl = p.numID, p.ilvl
	style := p.style
	for i := 0; numID == "" && style != "" && i < 10; i++ {
		s, ok := nb.styles[style]
		if !ok {
			break
		}
		if s.numID != "" {
			numID = s.numID
			if ilvl < 0 {
				ilvl = s.ilvl
			}
			if ilvl < 0 {
				ilvl = nb.styleLevel(numID, p.style)
			}
		}
		style = s.basedOn
	}
	return numID, max(ilvl, 0)
}

func (nb *numbering) styleLevel(numID, style string) int {
	if abs := nb.abstract[nb.num[numID]]; abs != nil {
		for i, l := range abs {
			if l.style == style {
				return i
			}
		}
	}
	return 0
}

// listState is the counters of one abstract list while paragraphs are read.
type listState struct {
	v   [9]int
	set [9]bool
}

// apply writes the rebuilt numbers in front of the numbered paragraphs'
// text; it returns how many paragraphs were numbered and how many of those
// had a list it could not find.
func (nb *numbering) apply(paras []docxPara) (auto, missing int) {
	lists := map[string]*listState{} // by abstractNumId
	seen := map[string]bool{}        // numIds whose start overrides are applied
	for i := range paras {
		numID, ilvl := nb.resolve(paras[i])
		if numID == "" || numID == "0" || strings.TrimSpace(paras[i].text) == "" {
			continue
		}
		auto++
		absID, ok := nb.num[numID]
		abs := nb.abstract[absID]
		if !ok || abs == nil {
			missing++
			continue
		}
		st := lists[absID]
		if st == nil {
			st = &listState{}
			lists[absID] = st
		}
		if !seen[numID] {
			seen[numID] = true
			for lv, n := range nb.overrides[numID] {
				st.v[lv], st.set[lv] = n-1, true
				clear(st.set[lv+1:])
			}
		}
		if st.set[ilvl] {
			st.v[ilvl]++
		} else {
			st.v[ilvl], st.set[ilvl] = abs[ilvl].start, true
		}
		clear(st.set[ilvl+1:])
		if prefix := abs.render(ilvl, st); prefix != "" {
			paras[i].text = prefix + " " + paras[i].text
		}
	}
	return auto, missing
}

// render writes level ilvl's number from its w:lvlText, "%n" standing for
// the current value of level n in that level's own format.
func (abs *levels) render(ilvl int, st *listState) string {
	l := abs[ilvl]
	if l.format == "bullet" {
		return "-"
	}
	var b strings.Builder
	for i := 0; i < len(l.text); i++ {
		ch := l.text[i]
		if ch == '%' && i+1 < len(l.text) && l.text[i+1] >= '1' && l.text[i+1] <= '9' {
			k := int(l.text[i+1] - '1')
			v := st.v[k]
			if !st.set[k] {
				v = abs[k].start
			}
			b.WriteString(formatNumber(abs[k].format, v))
			i++
			continue
		}
		b.WriteByte(ch)
	}
	return strings.TrimSpace(b.String())
}

func formatNumber(format string, v int) string {
	switch format {
	case "upperRoman":
		return toRoman(v)
	case "lowerRoman":
		return strings.ToLower(toRoman(v))
	case "upperLetter", "lowerLetter":
		if v < 1 {
			v = 1
		}
		s := strings.Repeat(string(rune('a'+(v-1)%26)), (v-1)/26+1)
		if format == "upperLetter" {
			return strings.ToUpper(s)
		}
		return s
	case "decimalZero":
		if v < 10 {
			return "0" + strconv.Itoa(v)
		}
	case "none":
		return ""
	}
	return strconv.Itoa(v)
}
