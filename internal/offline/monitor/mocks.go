package monitor

import (
	"fmt"
	"sort"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Invoke is one function call the program made.
type Invoke struct {
	Token string
	Args  map[string]any
	// Provider is the provider reference ("<URN>::<ID>") the call went to; "" for the default.
	Provider string
}

// Mocks is a recording pulumi.MockResourceMonitor: it keeps every registration in order, echoes
// inputs back as outputs, adds an ID and an ARN to custom resources, and lets per-type stubs add
// the outputs a provider would compute. Unknown invokes fail loudly so a new one gets a stub.
type Mocks struct {
	// Region is what region-dependent stubs answer. Default: us-east-1.
	Region string
	// OutputStubs are keyed by type token; NewMocks fills them from its stubs.
	OutputStubs map[string]OutputStub
	// InvokeStubs are keyed by function token; NewMocks fills them from its stubs.
	InvokeStubs map[string]InvokeStub
	// Validators are keyed by type token; NewMocks fills them from its stubs.
	Validators map[string]Validator
	// NotYetCreated are type tokens whose resources get no ID, as on a preview before they are
	// first deployed (run with RunOptions.Preview). Default: none.
	NotYetCreated map[string]bool

	mu        sync.Mutex
	resources []Resource
	invokes   []Invoke
}

// NewMocks returns a monitor for us-east-1 that answers with the given stubs, installed in order
// (a later stub for a token replaces an earlier one). Package providers has tenk's.
func NewMocks(stubs ...Stub) *Mocks {
	m := &Mocks{
		Region:      "us-east-1",
		OutputStubs: map[string]OutputStub{},
		InvokeStubs: map[string]InvokeStub{},
		Validators:  map[string]Validator{},
	}
	for _, s := range stubs {
		s.install(m)
	}
	return m
}

// NewResource implements pulumi.MockResourceMonitor.
func (m *Mocks) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	r := Resource{
		Type:     args.TypeToken,
		Name:     args.Name,
		Custom:   args.Custom,
		Provider: args.Provider,
		Inputs:   Plain(args.Inputs),
		Raw:      args.Inputs,
	}
	if rpc := args.RegisterRPC; rpc != nil {
		r.Parent = rpc.GetParent()
		r.Dependencies = rpc.GetDependencies()
		r.Protect = rpc.GetProtect()
		r.RetainOnDelete = rpc.GetRetainOnDelete()
		r.Remote = rpc.GetRemote()
		r.IgnoreChanges = rpc.GetIgnoreChanges()
		r.ReplaceOnChanges = rpc.GetReplaceOnChanges()
		r.URN = urnOf(rpc.GetParent(), args.TypeToken, args.Name)
	}
	state := args.Inputs.Copy()
	id := ""
	if args.Custom && !m.NotYetCreated[args.TypeToken] {
		id = args.Name + "-id"
		r.ID = id
		if _, ok := state["arn"]; !ok {
			state["arn"] = resource.NewProperty(m.DefaultARN(args.TypeToken, args.Name))
		}
	}
	if stub, ok := m.OutputStubs[args.TypeToken]; ok {
		for k, v := range stub(r) {
			state[k] = v
		}
	}
	m.mu.Lock()
	m.resources = append(m.resources, r)
	m.mu.Unlock()
	if validate, ok := m.Validators[args.TypeToken]; ok {
		if err := validate(r); err != nil {
			return "", nil, fmt.Errorf("%s %s: %w", args.TypeToken, args.Name, err)
		}
	}
	return id, state, nil
}

// Call implements pulumi.MockResourceMonitor.
func (m *Mocks) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.invokes = append(m.invokes, Invoke{Token: args.Token, Args: Plain(args.Args), Provider: args.Provider})
	m.mu.Unlock()
	stub, ok := m.InvokeStubs[args.Token]
	if !ok {
		return nil, fmt.Errorf("mockmonitor: no stub for invoke %q: add one to package providerstubs", args.Token)
	}
	return stub(args.Args)
}

func (m *Mocks) region() string {
	if m.Region == "" {
		return "us-east-1"
	}
	return m.Region
}

// Resources returns every registration so far, in order.
func (m *Mocks) Resources() []Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Resource(nil), m.resources...)
}

// Invokes returns every function call so far, in order.
func (m *Mocks) Invokes() []Invoke {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Invoke(nil), m.invokes...)
}

// ByType returns the registrations of one type token, sorted by name.
func (m *Mocks) ByType(typ string) []Resource {
	var out []Resource
	for _, r := range m.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Named returns the registration with this logical name and type token.
func (m *Mocks) Named(typ, name string) (Resource, bool) {
	for _, r := range m.Resources() {
		if r.Type == typ && r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}

// ChildrenOf returns the registrations whose parent has this URN.
func (m *Mocks) ChildrenOf(urn string) []Resource {
	var out []Resource
	for _, r := range m.Resources() {
		if r.Parent == urn {
			out = append(out, r)
		}
	}
	return out
}

// URNs returns the URN of every registration, sorted.
func (m *Mocks) URNs() []string {
	var out []string
	for _, r := range m.Resources() {
		out = append(out, r.URN)
	}
	sort.Strings(out)
	return out
}
