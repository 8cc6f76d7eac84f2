package dashboard

import "encoding/json"

// body is the dashboard body's JSON shape (Dashboard Body Structure and Syntax).
type body struct {
	Widgets []widget `json:"widgets"`
}

type widget struct {
	Type       string `json:"type"`
	X          int    `json:"x"`
	Y          int    `json:"y"`
	Width      int    `json:"width"`
	Height     int    `json:"height"`
	Properties any    `json:"properties"`
}

type textProperties struct {
	Markdown string `json:"markdown"`
}

type alarmProperties struct {
	Title  string   `json:"title"`
	Alarms []string `json:"alarms"`
	// SortBy "stateUpdatedTimestamp" puts the alarms that changed last first.
	SortBy string `json:"sortBy"`
}

type metricProperties struct {
	Title   string   `json:"title"`
	Region  string   `json:"region"`
	View    string   `json:"view"`
	Stacked bool     `json:"stacked"`
	Period  int      `json:"period"`
	Metrics []metric `json:"metrics"`
}

// metric is one series: namespace, metric name, dimension name/value pairs and how to render it.
type metric struct {
	Namespace  string
	Name       string
	Dimensions [][2]string
	// Stat is a statistic ("Average", "Sum", "Maximum", "Minimum") or a percentile ("p99").
	Stat  string
	Label string
}

// MarshalJSON writes the metrics-array form CloudWatch expects:
// [Namespace, MetricName, DimName1, DimValue1, …, {"stat": …, "label": …}].
func (m metric) MarshalJSON() ([]byte, error) {
	out := []any{m.Namespace, m.Name}
	for _, d := range m.Dimensions {
		out = append(out, d[0], d[1])
	}
	out = append(out, map[string]string{"stat": m.Stat, "label": m.Label})
	return json.Marshal(out)
}

// graph is one metric widget.
type graph struct {
	title   string
	region  string
	metrics []metric
}

// row is one tier: a heading and its graphs.
type row struct {
	title  string
	graphs []graph
}

// builder lays widgets out left to right, wrapping at the grid's width.
type builder struct {
	period  int
	widgets []widget
	x, y    int
	rowH    int
}

func (b *builder) place(w, h int, props any, typ string) {
	if b.x+w > gridWidth {
		b.newRow()
	}
	b.widgets = append(b.widgets, widget{Type: typ, X: b.x, Y: b.y, Width: w, Height: h, Properties: props})
	b.x += w
	b.rowH = max(b.rowH, h)
}

// newRow starts a new line of widgets below everything placed so far.
func (b *builder) newRow() {
	b.y += b.rowH
	b.x, b.rowH = 0, 0
}

func (b *builder) text(w, h int, markdown string) {
	b.place(w, h, textProperties{Markdown: markdown}, "text")
}

func (b *builder) alarms(title string, arns []string) {
	b.place(gridWidth, graphHeight, alarmProperties{Title: title, Alarms: arns, SortBy: "stateUpdatedTimestamp"}, "alarm")
}

func (b *builder) graph(g graph) {
	b.place(graphWidth, graphHeight, metricProperties{
		Title: g.title, Region: g.region, View: "timeSeries", Period: b.period, Metrics: g.metrics,
	}, "metric")
}
