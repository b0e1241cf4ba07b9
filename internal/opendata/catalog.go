package opendata

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"
)

// DCAT-AP vocabulary terms used by the catalogue; the context maps the
// prefixes so that harvesters (data.gov.vn, the EU portal's DCAT-AP
// tooling) read it as RDF.
var catalogContext = map[string]string{
	"dcat": "http://www.w3.org/ns/dcat#",
	"dct":  "http://purl.org/dc/terms/",
	"foaf": "http://xmlns.com/foaf/0.1/",
	"xsd":  "http://www.w3.org/2001/XMLSchema#",
}

type ref struct {
	ID string `json:"@id"`
}

type typedDate struct {
	Value string `json:"@value"`
	Type  string `json:"@type"`
}

type agent struct {
	Type string `json:"@type"`
	Name string `json:"foaf:name"`
}

type distribution struct {
	ID          string `json:"@id"`
	Type        string `json:"@type"`
	Title       string `json:"dct:title"`
	AccessURL   ref    `json:"dcat:accessURL"`
	DownloadURL ref    `json:"dcat:downloadURL"`
	MediaType   ref    `json:"dcat:mediaType"`
	Format      string `json:"dct:format"`
	License     ref    `json:"dct:license"`
	DescribedBy *ref   `json:"dct:conformsTo,omitempty"` // the CSVW metadata of a CSV
}

type catalogDataset struct {
	ID            string         `json:"@id"`
	Type          string         `json:"@type"`
	Identifier    string         `json:"dct:identifier"`
	Title         string         `json:"dct:title"`
	Description   string         `json:"dct:description"`
	Language      ref            `json:"dct:language"`
	License       ref            `json:"dct:license"`
	Publisher     agent          `json:"dct:publisher"`
	Modified      typedDate      `json:"dct:modified"`
	Distributions []distribution `json:"dcat:distribution"`
}

type catalog struct {
	Context     map[string]string `json:"@context"`
	ID          string            `json:"@id"`
	Type        string            `json:"@type"`
	Title       string            `json:"dct:title"`
	Description string            `json:"dct:description"`
	License     ref               `json:"dct:license"`
	Publisher   agent             `json:"dct:publisher"`
	Modified    *typedDate        `json:"dct:modified,omitempty"`
	Datasets    []catalogDataset  `json:"dcat:dataset"`
}

// iana is the DCAT-AP form of a media type.
func iana(mt string) ref { return ref{ID: "http://www.iana.org/assignments/media-types/" + mt} }

// xsdDate is a typed date literal.
func xsdDate(t time.Time) typedDate {
	return typedDate{Value: t.Format(time.DateOnly), Type: "xsd:date"}
}

// serveCatalog answers /open/catalog.jsonld: every dataset of every
// active plan. dct:modified is the day the figures are computed for — the
// server's day, which --clock sets — since a dataset's statuses and days
// overdue are as of it.
func (h *handler) serveCatalog(w http.ResponseWriter, r *http.Request) {
	all, err := h.app.PublishedDashboards(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	base := baseURL(r)
	c := catalog{Context: catalogContext, ID: base + "/open/catalog.jsonld", Type: "dcat:Catalog",
		Title:       "Dữ liệu mở về thực hiện kế hoạch",
		Description: "Tiến độ thực hiện các kế hoạch đang có hiệu lực, tính từ các báo cáo đã được tiếp nhận.",
		License:     ref{LicenceURI}, Publisher: agent{Type: "foaf:Organization", Name: "Ủy ban nhân dân tỉnh"},
		Datasets: []catalogDataset{}}
	var latest time.Time
	for _, p := range all {
		modified := p.Dashboard.AsOf
		if modified.After(latest) {
			latest = modified
		}
		publisher := p.Plan.Issuer
		if publisher == "" {
			publisher = c.Publisher.Name
		}
		for _, ds := range datasetInfos() {
			id := strconv.FormatInt(p.Plan.ID, 10) + "/" + ds.Name
			x := catalogDataset{ID: base + "/open/plans/" + id, Type: "dcat:Dataset", Identifier: id,
				Title: ds.Title + " — " + p.Plan.Name(), Description: ds.Description,
				Language: ref{"http://publications.europa.eu/resource/authority/language/VIE"},
				License:  ref{LicenceURI}, Publisher: agent{Type: "foaf:Organization", Name: publisher},
				Modified: xsdDate(modified)}
			csvURL := datasetURL(r, p.Plan.ID, ds.Name+".csv")
			jsonURL := datasetURL(r, p.Plan.ID, ds.Name+".json")
			x.Distributions = []distribution{
				{ID: csvURL, Type: "dcat:Distribution", Title: ds.Title + " (CSV)", AccessURL: ref{csvURL},
					DownloadURL: ref{csvURL}, MediaType: iana("text/csv"), Format: "CSV", License: ref{LicenceURI},
					DescribedBy: &ref{datasetURL(r, p.Plan.ID, ds.Name+".csv-metadata.json")}},
				{ID: jsonURL, Type: "dcat:Distribution", Title: ds.Title + " (JSON)", AccessURL: ref{jsonURL},
					DownloadURL: ref{jsonURL}, MediaType: iana("application/json"), Format: "JSON", License: ref{LicenceURI}},
			}
			c.Datasets = append(c.Datasets, x)
		}
	}
	if !latest.IsZero() {
		d := xsdDate(latest)
		c.Modified = &d
	}
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Access-Control-Allow-Origin", "*")
	send(w, r, "application/ld+json; charset=utf-8", append(b, '\n'))
}
