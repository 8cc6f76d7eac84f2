package plan

import (
	"sort"

	"github.com/tenkstack/tenk/internal/offline/monitor"
)

// Plan is what `tenkctl plan` reports for one stack: every registration the program made under
// mocks, the component tree, the estimated monthly cost and the diagram. Its JSON form is the
// input of --diff.
type Plan struct {
	// Project and Stack name the program run; Region is the stack's aws:region.
	Project string `json:"project"`
	Stack   string `json:"stack"`
	Region  string `json:"region"`
	// Components are the local component resources, sorted by URN.
	Components []Component `json:"components"`
	// Resources are every other registration (custom resources and remote components such as
	// awsx's Vpc), sorted by URN.
	Resources []Resource `json:"resources"`
	// Subnets are every VPC subnet, per VPC in AZ order, public, private, isolated within an AZ.
	Subnets []Subnet `json:"subnets,omitempty"`
	// Cost is the estimated monthly cost.
	Cost Cost `json:"cost"`
	// Diagram is the architecture as a Mermaid flowchart.
	Diagram string `json:"diagram"`
	// Release is what the web tier runs and how long rolling out a new one takes; nil without a
	// web tier.
	Release *Release `json:"release,omitempty"`
}

// Component is one local component resource (a tenk component) and what it holds.
type Component struct {
	// URN identifies the component; Type is its token ("tenk:network:Network").
	URN  string `json:"urn"`
	Type string `json:"type"`
	// Name is the component's logical name.
	Name string `json:"name"`
	// Parent is the URN of the enclosing component, or "" at the stack root.
	Parent string `json:"parent,omitempty"`
	// Total counts the resources below the component, sub-components' included.
	Total int `json:"total"`
	// Counts are the component's direct children by type token (sub-components excluded).
	Counts map[string]int `json:"counts"`
	// Key are the URNs of direct children whose settings matter (see settings.go).
	Key []string `json:"key,omitempty"`
}

// Resource is one registration that is not a local component.
type Resource struct {
	// URN identifies the resource; a rename or a new parent changes it.
	URN string `json:"urn"`
	// Type is the type token ("aws:rds/instance:Instance").
	Type string `json:"type"`
	// Name is the logical name.
	Name string `json:"name"`
	// Parent is the parent's URN.
	Parent string `json:"parent,omitempty"`
	// Component is the URN of the innermost local component above the resource, if any.
	Component string `json:"component,omitempty"`
	// Custom is true for provider resources, false for remote components.
	Custom bool `json:"custom"`
	// Remote marks a remote component (awsx's Vpc), whose children mocks never see.
	Remote bool `json:"remote,omitempty"`
	// Protect and RetainOnDelete are the Pulumi resource options.
	Protect        bool `json:"protect,omitempty"`
	RetainOnDelete bool `json:"retainOnDelete,omitempty"`
	// Stateful marks types whose replacement or deletion loses data (stateful.go).
	Stateful bool `json:"stateful,omitempty"`
	// IgnoreChanges are the inputs whose later changes Pulumi ignores (the resource option): a
	// changed value there neither updates nor replaces the existing resource.
	IgnoreChanges []string `json:"ignoreChanges,omitempty"`
	// Settings are the inputs that matter for this type, in display order.
	Settings []Setting `json:"settings,omitempty"`
	// Inputs are the registered inputs: secrets shown as "[secret]", unknowns as "[unknown]".
	Inputs map[string]any `json:"inputs"`

	id string // the mock ID, to resolve references such as a security group ID
}

// Setting is one input that matters, already formatted.
type Setting struct {
	// Name is the setting's short label ("class"); Value its formatted value.
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Meta names the run a plan comes from.
type Meta struct {
	// Project is the Pulumi project, Stack the stack name, Region its aws:region.
	Project, Stack, Region string
}

// Get returns the input at a dotted path ("natGateways.strategy", "subnets.0").
func (r *Resource) Get(path string) (any, bool) { return r.view().Get(path) }

// String returns the string input at path, or "".
func (r *Resource) String(path string) string { return r.view().String(path) }

// Number returns the numeric input at path, or 0.
func (r *Resource) Number(path string) float64 { return r.view().Number(path) }

// Bool returns the boolean input at path, or false.
func (r *Resource) Bool(path string) bool { return r.view().Bool(path) }

// Strings returns the string list at path, or nil.
func (r *Resource) Strings(path string) []string { return r.view().Strings(path) }

// Has reports whether the input at path is set.
func (r *Resource) Has(path string) bool { _, ok := r.Get(path); return ok }

// view reuses the mock monitor's dotted-path getters.
func (r *Resource) view() monitor.Resource { return monitor.Resource{Inputs: r.Inputs} }

// Build turns the registrations of one run into a plan, pricing it with prices. It fails when a
// billable resource has no price.
func Build(meta Meta, regs []monitor.Resource, prices *Prices) (*Plan, error) {
	p := &Plan{Project: meta.Project, Stack: meta.Stack, Region: meta.Region}
	isComponent := map[string]bool{}
	for _, r := range regs {
		if !r.Custom && !r.Remote && r.Type != rootStackType {
			isComponent[r.URN] = true
		}
	}
	parentOf := map[string]string{}
	for _, r := range regs {
		parentOf[r.URN] = r.Parent
	}
	// innermost returns the nearest local component above urn.
	innermost := func(urn string) string {
		for seen, u := 0, parentOf[urn]; u != "" && seen < 64; seen, u = seen+1, parentOf[u] {
			if isComponent[u] {
				return u
			}
		}
		return ""
	}

	comps := map[string]*Component{}
	for _, r := range regs {
		if isComponent[r.URN] {
			comps[r.URN] = &Component{URN: r.URN, Type: r.Type, Name: r.Name, Parent: parentOrEmpty(r.Parent, isComponent), Counts: map[string]int{}}
		}
	}
	for _, r := range regs {
		if r.Type == rootStackType || isComponent[r.URN] {
			continue
		}
		res := Resource{
			URN: r.URN, Type: r.Type, Name: r.Name, Parent: r.Parent, Component: innermost(r.URN),
			Custom: r.Custom, Remote: r.Remote, Protect: r.Protect, RetainOnDelete: r.RetainOnDelete,
			Stateful: IsStateful(r.Type), IgnoreChanges: r.IgnoreChanges, Inputs: inputsOf(r), id: r.ID,
		}
		res.Settings = settingsOf(&res)
		p.Resources = append(p.Resources, res)
		if c := comps[res.Component]; c != nil {
			c.Counts[res.Type]++
			if len(res.Settings) > 0 {
				c.Key = append(c.Key, res.URN)
			}
		}
		for u := res.Component; u != ""; u = innermost(u) {
			comps[u].Total++
		}
	}
	for _, c := range comps {
		sort.Strings(c.Key)
		p.Components = append(p.Components, *c)
	}
	sort.Slice(p.Components, func(i, j int) bool { return p.Components[i].URN < p.Components[j].URN })
	sort.Slice(p.Resources, func(i, j int) bool { return p.Resources[i].URN < p.Resources[j].URN })

	subnets, err := subnetsOf(p)
	if err != nil {
		return nil, err
	}
	p.Subnets = subnets

	cost, err := Estimate(p, prices)
	if err != nil {
		return nil, err
	}
	p.Cost = cost
	p.Diagram = Diagram(p)
	p.Release = releaseOf(p)
	return p, nil
}

const rootStackType = "pulumi:pulumi:Stack"

// parentOrEmpty keeps a parent only when it is a component (not the stack root).
func parentOrEmpty(parent string, isComponent map[string]bool) string {
	if isComponent[parent] {
		return parent
	}
	return ""
}

// resourceByURN indexes a plan's resources.
func (p *Plan) resourceByURN() map[string]*Resource {
	out := make(map[string]*Resource, len(p.Resources))
	for i := range p.Resources {
		out[p.Resources[i].URN] = &p.Resources[i]
	}
	return out
}

// componentByURN indexes a plan's components.
func (p *Plan) componentByURN() map[string]*Component {
	out := make(map[string]*Component, len(p.Components))
	for i := range p.Components {
		out[p.Components[i].URN] = &p.Components[i]
	}
	return out
}

// topComponent returns the name of the outermost component above r, or "" at the stack root.
func (p *Plan) topComponent(r *Resource, comps map[string]*Component) string {
	name := ""
	for u := r.Component; u != ""; {
		c := comps[u]
		if c == nil {
			break
		}
		name = c.Name
		u = c.Parent
	}
	return name
}
