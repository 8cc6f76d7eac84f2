package monitor

import "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

// OutputStub computes the extra output properties a mocked resource of one type returns, given
// what was registered (for example an ALB's dnsName, or awsx Vpc's subnet IDs).
type OutputStub func(r Resource) resource.PropertyMap

// InvokeStub answers one invoke (function call) token under mocks.
type InvokeStub func(args resource.PropertyMap) (resource.PropertyMap, error)

// Validator rejects a registration the real provider or remote component would reject at
// preview (for example awsx's Vpc with overlapping subnets); the mock run then fails with its
// error.
type Validator func(r Resource) error

// Stub teaches a monitor one token: the outputs and checks of a resource type, or the answer to
// a function. NewMocks installs stubs in order, so a later stub for a token replaces an earlier
// one (a test passes its own after the defaults).
type Stub struct {
	// Token is a resource type token ("aws:s3/bucketV2:BucketV2") or a function token
	// ("aws:index/getRegion:getRegion").
	Token string
	// Outputs adds the outputs a provider computes for a resource of type Token.
	Outputs OutputStub
	// Validate rejects a registration of type Token.
	Validate Validator
	// Invoke answers a call of function Token; m is the monitor of the run, for answers that
	// depend on what the run registered before the call.
	Invoke func(m *Mocks, args resource.PropertyMap) (resource.PropertyMap, error)
}

// install adds s to m's stub tables.
func (s Stub) install(m *Mocks) {
	if s.Outputs != nil {
		m.OutputStubs[s.Token] = s.Outputs
	}
	if s.Validate != nil {
		m.Validators[s.Token] = s.Validate
	}
	if s.Invoke != nil {
		invoke := s.Invoke
		m.InvokeStubs[s.Token] = func(args resource.PropertyMap) (resource.PropertyMap, error) { return invoke(m, args) }
	}
}
