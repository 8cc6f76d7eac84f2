package e2e

import (
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
)

// OtherResources groups resources that no tenk component owns (providers, the stack itself).
const OtherResources = "(outside components)"

// OperationTimings is how long one engine operation (up, destroy) took, per tenk component.
type OperationTimings struct {
	// Name is "up" or "destroy".
	Name string `json:"name"`
	// DurationSeconds runs from the first to the last resource event.
	DurationSeconds float64 `json:"durationSeconds"`
	// ResourceChanges counts steps by operation ("create", "delete", "same", …) from the
	// engine's summary.
	ResourceChanges map[string]int `json:"resourceChanges,omitempty"`
	// Components are sorted by when they started.
	Components []ComponentTiming `json:"components"`
	// Failed lists the URNs whose step failed.
	Failed []string `json:"failed,omitempty"`
}

// ComponentTiming is the span of one component's resource steps within an operation.
type ComponentTiming struct {
	// Component is the component's type token (tenk:network:Network) or OtherResources.
	Component string `json:"component"`
	// Name is the component's resource name (tenk-web), when its own step was seen.
	Name string `json:"name,omitempty"`
	// Resources counts the component's child resources that changed.
	Resources int `json:"resources"`
	// StartSeconds is when its first step began, from the start of the operation.
	StartSeconds float64 `json:"startSeconds"`
	// DurationSeconds runs from its first step's start to its last step's end.
	DurationSeconds float64 `json:"durationSeconds"`
	// Slowest is the longest step ("type name"), SlowestSeconds how long it took.
	Slowest        string  `json:"slowest,omitempty"`
	SlowestSeconds float64 `json:"slowestSeconds,omitempty"`
}

// Recorder collects engine events of one operation and aggregates them per component.
type Recorder struct {
	name    string
	steps   map[string]*step
	order   []string
	first   time.Time
	last    time.Time
	changes map[string]int
}

type step struct {
	urn        string
	start, end time.Time
	failed     bool
}

// NewRecorder starts recording operation name.
func NewRecorder(name string) *Recorder {
	return &Recorder{name: name, steps: map[string]*step{}}
}

// Record takes one engine event received at time at. Steps that change nothing ("same") are not
// timed: they cost no AWS time.
func (r *Recorder) Record(at time.Time, e events.EngineEvent) {
	switch {
	case e.ResourcePreEvent != nil:
		m := e.ResourcePreEvent.Metadata
		if string(m.Op) == "same" {
			return
		}
		r.touch(at)
		if _, ok := r.steps[m.URN]; !ok {
			r.order = append(r.order, m.URN)
		}
		r.steps[m.URN] = &step{urn: m.URN, start: at}
	case e.ResOutputsEvent != nil:
		r.finish(at, e.ResOutputsEvent.Metadata.URN, false)
	case e.ResOpFailedEvent != nil:
		r.finish(at, e.ResOpFailedEvent.Metadata.URN, true)
	case e.SummaryEvent != nil:
		r.changes = map[string]int{}
		for op, n := range e.SummaryEvent.ResourceChanges {
			r.changes[string(op)] = n
		}
	}
}

func (r *Recorder) touch(at time.Time) {
	if r.first.IsZero() || at.Before(r.first) {
		r.first = at
	}
	if at.After(r.last) {
		r.last = at
	}
}

func (r *Recorder) finish(at time.Time, urn string, failed bool) {
	s, ok := r.steps[urn]
	if !ok {
		return // a "same" step, or one whose start was not seen
	}
	r.touch(at)
	s.end, s.failed = at, failed
}

// Timings aggregates what was recorded. A step still open (the operation was cut short) ends at
// the last event seen.
func (r *Recorder) Timings() OperationTimings {
	op := OperationTimings{Name: r.name, ResourceChanges: r.changes, Components: []ComponentTiming{}}
	if len(r.order) == 0 {
		return op
	}
	op.DurationSeconds = round(r.last.Sub(r.first).Seconds())
	type group struct {
		c          ComponentTiming
		start, end time.Time
	}
	groups := map[string]*group{}
	for _, urn := range r.order {
		s := r.steps[urn]
		end := s.end
		if end.IsZero() {
			end = r.last
		}
		if s.failed {
			op.Failed = append(op.Failed, urn)
		}
		component, isComponent, typ, name := classify(urn)
		g, ok := groups[component]
		if !ok {
			g = &group{c: ComponentTiming{Component: component}, start: s.start, end: end}
			groups[component] = g
		}
		if s.start.Before(g.start) {
			g.start = s.start
		}
		if end.After(g.end) {
			g.end = end
		}
		if isComponent {
			g.c.Name = name
			continue
		}
		g.c.Resources++
		if took := round(end.Sub(s.start).Seconds()); g.c.Slowest == "" || took > g.c.SlowestSeconds {
			g.c.Slowest, g.c.SlowestSeconds = typ+" "+name, took
		}
	}
	for _, g := range groups {
		g.c.StartSeconds = round(g.start.Sub(r.first).Seconds())
		g.c.DurationSeconds = round(g.end.Sub(g.start).Seconds())
		op.Components = append(op.Components, g.c)
	}
	sort.Slice(op.Components, func(i, j int) bool {
		a, b := op.Components[i], op.Components[j]
		if a.StartSeconds != b.StartSeconds {
			return a.StartSeconds < b.StartSeconds
		}
		return a.Component < b.Component
	})
	sort.Strings(op.Failed)
	return op
}

// classify reads a URN (urn:pulumi:<stack>::<project>::<parent types$…$type>::<name>): the
// top-level tenk component it belongs to, whether it is that component itself, its own type and
// its name. Resources parented to the stack carry no parent type in their URN.
func classify(urn string) (component string, isComponent bool, typ, name string) {
	parts := strings.SplitN(urn, "::", 4)
	if len(parts) < 4 {
		return OtherResources, false, "", urn
	}
	types := strings.Split(parts[2], "$")
	typ, name = types[len(types)-1], parts[3]
	if !strings.HasPrefix(types[0], "tenk:") {
		return OtherResources, false, typ, name
	}
	return types[0], len(types) == 1, typ, name
}
