package plan

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
)

// Diff compares an older plan (the base) with a newer one.
type Diff struct {
	// BaseStack is the old plan's stack.
	BaseStack string `json:"baseStack"`
	// Added, Removed and Changed are resources by URN; a rename or a re-parent changes the URN,
	// so it shows as one removal and one addition.
	Added   []Change `json:"added"`
	Removed []Change `json:"removed"`
	Changed []Change `json:"changed"`
	// Flags are the changes that would replace or delete a stateful resource.
	Flags []Flag `json:"flags"`
	// Cost is the change in the estimated monthly cost.
	Cost CostDelta `json:"cost"`
	// Release says whether the change is a new release and starts a rollout; nil without a web
	// tier.
	Release *ReleaseChange `json:"release,omitempty"`
}

// Change is one added, removed or changed resource.
type Change struct {
	// URN, Type and Name identify the resource.
	URN  string `json:"urn"`
	Type string `json:"type"`
	Name string `json:"name"`
	// Stateful and Protect are copied from the resource.
	Stateful bool `json:"stateful,omitempty"`
	Protect  bool `json:"protect,omitempty"`
	// Inputs are the changed inputs of a changed resource.
	Inputs []InputChange `json:"inputs,omitempty"`
	// Replace lists the changed inputs that AWS cannot update in place, with why.
	Replace []string `json:"replace,omitempty"`
}

// InputChange is one changed input at a dotted path; "" means unset.
type InputChange struct {
	// Path is the dotted input path; Old and New its formatted values.
	Path string `json:"path"`
	Old  string `json:"old"`
	New  string `json:"new"`
}

// Flag is a change that loses data unless handled.
type Flag struct {
	// Action is "replace" or "delete".
	Action string `json:"action"`
	// URN, Type and Name identify the resource.
	URN  string `json:"urn"`
	Type string `json:"type"`
	Name string `json:"name"`
	// Message says what would happen and what to do.
	Message string `json:"message"`
}

// CostDelta compares the monthly totals and each resource's monthly amount.
type CostDelta struct {
	// Old and New are the monthly totals; Delta is New − Old.
	Old   float64 `json:"old"`
	New   float64 `json:"new"`
	Delta float64 `json:"delta"`
	// Resources are the resources whose monthly amount changed.
	Resources []ResourceDelta `json:"resources"`
}

// ResourceDelta is the change in one resource's monthly amount.
type ResourceDelta struct {
	// Component, Resource and Type name the resource; Old, New and Delta are monthly amounts.
	Component string  `json:"component"`
	Resource  string  `json:"resource"`
	Type      string  `json:"type"`
	Old       float64 `json:"old"`
	New       float64 `json:"new"`
	Delta     float64 `json:"delta"`
}

// LoadPlan reads a plan written with --format json.
func LoadPlan(path string) (*Plan, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var p Plan
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("%s is not a tenkctl plan (write one with `tenkctl plan --format json`): %w", path, err)
	}
	if p.Stack == "" || p.Resources == nil {
		return nil, fmt.Errorf("%s is not a tenkctl plan: it has no stack or resources (write one with `tenkctl plan --format json`)", path)
	}
	return &p, nil
}

// Compare returns what changes from old to new.
func Compare(old, new *Plan) *Diff {
	d := &Diff{BaseStack: old.Stack, Added: []Change{}, Removed: []Change{}, Changed: []Change{}, Flags: []Flag{}}
	oldBy, newBy := old.resourceByURN(), new.resourceByURN()
	for i := range new.Resources {
		r := &new.Resources[i]
		o, ok := oldBy[r.URN]
		if !ok {
			d.Added = append(d.Added, changeOf(r))
			continue
		}
		inputs := withoutIgnored(compareInputs(o.Inputs, r.Inputs), r.IgnoreChanges)
		if len(inputs) == 0 {
			continue
		}
		ch := changeOf(r)
		ch.Inputs = inputs
		if r.Stateful {
			seen := map[string]bool{}
			for _, in := range inputs {
				key := strings.SplitN(in.Path, ".", 2)[0]
				if reason := replaceReason(r, key); reason != "" && !seen[key] {
					seen[key] = true
					ch.Replace = append(ch.Replace, key+": "+reason)
				}
			}
			if len(ch.Replace) > 0 {
				d.Flags = append(d.Flags, Flag{Action: "replace", URN: r.URN, Type: r.Type, Name: r.Name,
					Message: fmt.Sprintf("%s %s would be REPLACED (deleted and created again, its data lost unless restored): %s",
						shortType(r.Type), r.Name, strings.Join(ch.Replace, "; "))})
			}
		}
		d.Changed = append(d.Changed, ch)
	}
	for i := range old.Resources {
		o := &old.Resources[i]
		if _, ok := newBy[o.URN]; ok {
			continue
		}
		d.Removed = append(d.Removed, changeOf(o))
		if !o.Stateful {
			continue
		}
		msg := fmt.Sprintf("%s %s would be DELETED with its data", shortType(o.Type), o.Name)
		if renamed := likelyRenames(o, d.Added); len(renamed) > 0 {
			msg += fmt.Sprintf(" while %s is created: if that is a rename or a new parent, add pulumi.Aliases so Pulumi keeps the resource", strings.Join(renamed, ", "))
		}
		if o.Protect {
			msg += " (it is protected: the update fails until it is unprotected)"
		}
		d.Flags = append(d.Flags, Flag{Action: "delete", URN: o.URN, Type: o.Type, Name: o.Name, Message: msg})
	}
	d.Cost = compareCost(old.Cost, new.Cost)
	d.Release = compareRelease(old, new, d.Changed)
	return d
}

// withoutIgnored drops the changes of inputs the resource ignores changes of (by top-level input
// name): Pulumi neither updates nor replaces the resource for them.
func withoutIgnored(inputs []InputChange, ignored []string) []InputChange {
	if len(ignored) == 0 {
		return inputs
	}
	out := inputs[:0:0]
	for _, in := range inputs {
		if !slices.Contains(ignored, strings.SplitN(in.Path, ".", 2)[0]) {
			out = append(out, in)
		}
	}
	return out
}

func changeOf(r *Resource) Change {
	return Change{URN: r.URN, Type: r.Type, Name: r.Name, Stateful: r.Stateful, Protect: r.Protect}
}

// likelyRenames names the added resources of the same type: the candidates for a rename.
func likelyRenames(removed *Resource, added []Change) []string {
	var out []string
	for _, a := range added {
		if a.Type == removed.Type {
			out = append(out, a.Name)
		}
	}
	return out
}

// compareInputs flattens both input trees to dotted paths and lists the paths that differ.
func compareInputs(old, new map[string]any) []InputChange {
	o, n := map[string]string{}, map[string]string{}
	flatten("", old, o)
	flatten("", new, n)
	paths := map[string]bool{}
	for k := range o {
		paths[k] = true
	}
	for k := range n {
		paths[k] = true
	}
	var out []InputChange
	for p := range paths {
		if o[p] != n[p] {
			out = append(out, InputChange{Path: p, Old: o[p], New: n[p]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// flatten writes every leaf of v under its dotted path.
func flatten(prefix string, v any, out map[string]string) {
	join := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + "." + k
	}
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 && prefix != "" {
			out[prefix] = "{}"
		}
		for k, item := range x {
			flatten(join(k), item, out)
		}
	case []any:
		if len(x) == 0 {
			out[prefix] = "[]"
		}
		for i, item := range x {
			flatten(join(fmt.Sprint(i)), item, out)
		}
	default:
		out[prefix] = formatValue(x)
	}
}

// compareCost sums each plan's lines per resource and compares them.
func compareCost(old, new Cost) CostDelta {
	type key struct{ component, resource, typ string }
	sums := map[key][2]float64{}
	for _, l := range old.Lines {
		k := key{l.Component, l.Resource, l.Type}
		s := sums[k]
		s[0] += l.Monthly
		sums[k] = s
	}
	for _, l := range new.Lines {
		k := key{l.Component, l.Resource, l.Type}
		s := sums[k]
		s[1] += l.Monthly
		sums[k] = s
	}
	cd := CostDelta{Old: old.Total, New: new.Total, Delta: round2(new.Total - old.Total), Resources: []ResourceDelta{}}
	for k, s := range sums {
		if round2(s[0]) != round2(s[1]) {
			cd.Resources = append(cd.Resources, ResourceDelta{Component: k.component, Resource: k.resource, Type: k.typ,
				Old: round2(s[0]), New: round2(s[1]), Delta: round2(s[1] - s[0])})
		}
	}
	sort.Slice(cd.Resources, func(i, j int) bool {
		a, b := cd.Resources[i], cd.Resources[j]
		if a.Component != b.Component {
			return a.Component < b.Component
		}
		return a.Resource < b.Resource
	})
	return cd
}
