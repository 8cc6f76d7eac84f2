package tests

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// OutputStub computes the extra output properties a mocked resource of one type returns, given
// what was registered (for example an ALB's dnsName, or awsx Vpc's subnet IDs).
type OutputStub func(r Resource) resource.PropertyMap

// InvokeStub answers one invoke (function call) token under mocks.
type InvokeStub func(args resource.PropertyMap) (resource.PropertyMap, error)

// Validator rejects a registration the real provider or remote component would reject at
// preview (for example awsx's Vpc with overlapping subnets); the mock run then fails with its
// error.
type Validator func(r Resource) error

// Invoke is one function call the program made.
type Invoke struct {
	Token string
	Args  map[string]any
}

// Mocks is a recording pulumi.MockResourceMonitor: it keeps every registration in order, echoes
// inputs back as outputs, adds an ID and an ARN to custom resources, and lets per-type stubs add
// the outputs a provider would compute. Unknown invokes fail loudly so a new one gets a stub.
type Mocks struct {
	// Region is what region-dependent stubs answer. Default: us-east-1.
	Region string
	// OutputStubs are keyed by type token; NewMocks fills them with DefaultOutputStubs.
	OutputStubs map[string]OutputStub
	// InvokeStubs are keyed by function token; NewMocks fills them with DefaultInvokeStubs and
	// the stubs that read earlier registrations (registrationInvokeStubs).
	InvokeStubs map[string]InvokeStub
	// Validators are keyed by type token; NewMocks fills them with DefaultValidators.
	Validators map[string]Validator
	// NotYetCreated are type tokens whose resources get no ID, as on a preview before they are
	// first deployed (run with RunOptions.Preview). Default: none.
	NotYetCreated map[string]bool

	mu        sync.Mutex
	resources []Resource
	invokes   []Invoke
}

// NewMocks returns a monitor with the default stubs for us-east-1.
func NewMocks() *Mocks {
	m := &Mocks{
		Region:      "us-east-1",
		OutputStubs: map[string]OutputStub{},
		InvokeStubs: map[string]InvokeStub{},
		Validators:  map[string]Validator{},
	}
	for k, v := range DefaultOutputStubs {
		m.OutputStubs[k] = v
	}
	for k, v := range DefaultInvokeStubs {
		m.InvokeStubs[k] = v
	}
	for k, v := range registrationInvokeStubs {
		m.InvokeStubs[k] = v(m)
	}
	for k, v := range DefaultValidators {
		m.Validators[k] = v
	}
	// Answers from what the run has registered so far (stubs_vpcorigin.go).
	m.InvokeStubs[getSecurityGroupToken] = m.securityGroupLookup
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
			state["arn"] = resource.NewProperty(fakeARN(m.region(), args.TypeToken, args.Name))
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
	m.invokes = append(m.invokes, Invoke{Token: args.Token, Args: Plain(args.Args)})
	m.mu.Unlock()
	stub, ok := m.InvokeStubs[args.Token]
	if !ok {
		return nil, fmt.Errorf("tests: no stub for invoke %q: add one to tests.DefaultInvokeStubs", args.Token)
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

// urnOf mirrors the mock monitor's URN scheme: stack, project, parent type, type and name.
func urnOf(parent, typ, name string) string {
	parentType := ""
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = string(p.QualifiedType()) + "$"
	}
	stack, project := "", ""
	if p := resource.URN(parent); p != "" {
		stack, project = string(p.Stack()), string(p.Project())
	}
	return fmt.Sprintf("urn:pulumi:%s::%s::%s%s::%s", stack, project, parentType, typ, name)
}

// fakeARN builds a plausible ARN from a type token such as "aws:rds/instance:Instance".
func fakeARN(region, typ, name string) string {
	service := "pulumi"
	if parts := strings.SplitN(typ, ":", 3); len(parts) == 3 {
		service = strings.SplitN(parts[1], "/", 2)[0]
	}
	return fmt.Sprintf("arn:aws:%s:%s:123456789012:%s", service, region, name)
}

// Plain converts a property map into Go values: secrets unwrapped, unknowns dropped, resource
// references replaced by their URN.
func Plain(pm resource.PropertyMap) map[string]any { return PlainWith(pm, Markers{}) }

// Markers say how PlainWith shows the values a plain map cannot hold as they are.
type Markers struct {
	// Secret replaces every secret value; nil unwraps secrets.
	Secret any
	// Unknown stands for a value not known yet; nil leaves such keys out.
	Unknown any
}

// PlainWith converts a property map into Go values, showing secrets and unknowns as markers says.
func PlainWith(pm resource.PropertyMap, markers Markers) map[string]any {
	out := make(map[string]any, len(pm))
	for k, v := range pm {
		if p := plainValue(v, markers); p != nil {
			out[string(k)] = p
		}
	}
	return out
}

func plainValue(v resource.PropertyValue, markers Markers) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsComputed():
		return markers.Unknown
	case v.IsOutput():
		o := v.OutputValue()
		if o.Secret && markers.Secret != nil {
			return markers.Secret
		}
		if !o.Known {
			return markers.Unknown
		}
		return plainValue(o.Element, markers)
	case v.IsSecret():
		if markers.Secret != nil {
			return markers.Secret
		}
		return plainValue(v.SecretValue().Element, markers)
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, 0, len(arr))
		for _, item := range arr {
			out = append(out, plainValue(item, markers))
		}
		return out
	case v.IsObject():
		return PlainWith(v.ObjectValue(), markers)
	case v.IsResourceReference():
		return string(v.ResourceReferenceValue().URN)
	case v.IsAsset():
		a := v.AssetValue()
		if a.Text != "" {
			return a.Text
		}
		return a.Path
	case v.IsArchive():
		return "[archive]"
	default:
		return fmt.Sprint(v.V)
	}
}
