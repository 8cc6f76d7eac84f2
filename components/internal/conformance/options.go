package conformance

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/offline/monitor"
	"github.com/tenkstack/tenk/internal/offline/providers"
)

// The caller's own registrations, which the component is built under and with.
const (
	callerToken        = "conformance:index:Caller"
	callerName         = "caller"
	dependencyType     = "aws:sns/topic:Topic"
	dependencyName     = "caller-dependency"
	providerTypePrefix = "pulumi:providers:"
)

// callerPackages are the packages the caller gives providers for: aws with pulumi.Provider,
// random with pulumi.Providers.
var callerPackages = []string{"aws", "random"}

// caller stands for the component or program that embeds the component under test.
type caller struct{ pulumi.ResourceState }

// checkCallerOptions builds the component inside a caller with the caller's Parent, Provider,
// Protect, RetainOnDelete and DependsOn, and checks that each reaches what it should.
func checkCallerOptions(c Component) error {
	m := monitor.NewMocks(providers.All()...)
	_, err := monitor.Run(func(ctx *pulumi.Context) error {
		parent := &caller{}
		if err := ctx.RegisterComponentResource(callerToken, callerName, parent); err != nil {
			return err
		}
		var aws, random pulumi.ProviderResourceState
		for pkg, p := range map[string]*pulumi.ProviderResourceState{"aws": &aws, "random": &random} {
			if err := ctx.RegisterResource(providerTypePrefix+pkg, "caller-"+pkg, pulumi.Map{}, p); err != nil {
				return err
			}
		}
		var dependency pulumi.CustomResourceState
		if err := ctx.RegisterResource(dependencyType, dependencyName, pulumi.Map{}, &dependency); err != nil {
			return err
		}
		return c.New(ctx, name, c.count(), pulumi.Parent(parent), pulumi.Provider(&aws), pulumi.Providers(&random),
			pulumi.Protect(true), pulumi.RetainOnDelete(true), pulumi.DependsOn([]pulumi.Resource{&dependency}))
	}, monitor.RunOptions{Mocks: m})
	if err != nil {
		return err
	}
	return callerOptionsHonoured(m, c.Token, c.Unprotected...)
}

// callerOptionsHonoured checks the recording of checkCallerOptions; the children of the
// unprotected types must not be protected (Component.Unprotected).
func callerOptionsHonoured(m *monitor.Mocks, token string, unprotected ...string) error {
	parent, _ := m.Named(callerToken, callerName)
	dependency, _ := m.Named(dependencyType, dependencyName)
	callers := map[string]bool{parent.URN: true, dependency.URN: true}
	// allowed is the provider each package's resources must use: the caller's. A provider the
	// component makes itself (from the stack's settings) would act for another account or with
	// other credentials than the caller chose.
	allowed := map[string]string{}
	for _, callerPkg := range callerPackages {
		if p, ok := m.Named(providerTypePrefix+callerPkg, "caller-"+callerPkg); ok {
			allowed[callerPkg] = p.URN + "::" + p.ID
			callers[p.URN] = true
		}
	}
	root, err := component(m, token)
	if err != nil {
		return err
	}
	var errs []error
	seen := map[string]bool{}
	if root.Parent != parent.URN {
		errs = append(errs, fmt.Errorf("the component's parent is %q, not the caller's Parent", root.Parent))
	}
	if !slices.Contains(root.Dependencies, dependency.URN) {
		errs = append(errs, errors.New("the component does not depend on the caller's DependsOn"))
	}
	if err := underComponent(m, root, callers); err != nil {
		errs = append(errs, fmt.Errorf("with a caller's Parent: %w", err))
	}
	for _, r := range m.Resources() {
		if !r.Custom || callers[r.URN] {
			continue
		}
		switch {
		case slices.Contains(unprotected, r.Type):
			seen[r.Type] = true
			if r.Protect {
				errs = append(errs, fmt.Errorf("%s %q is protected: it must stay replaceable under a caller's Protect", r.Type, r.Name))
			}
		case !r.Protect:
			errs = append(errs, fmt.Errorf("%s %q is not protected: the caller's Protect does not reach it", r.Type, r.Name))
		}
		if !r.RetainOnDelete {
			errs = append(errs, fmt.Errorf("%s %q is not retained on delete: the caller's RetainOnDelete does not reach it", r.Type, r.Name))
		}
		if strings.HasPrefix(r.Type, providerTypePrefix) {
			errs = append(errs, fmt.Errorf("%s %q: the component makes its own provider although the caller gave one", r.Type, r.Name))
		} else if ref, ok := allowed[pkg(r.Type)]; ok && r.Provider != ref {
			errs = append(errs, fmt.Errorf("%s %q uses provider %q, not the caller's", r.Type, r.Name, r.Provider))
		}
	}
	for _, typ := range unprotected {
		if !seen[typ] {
			errs = append(errs, fmt.Errorf("no %s among the children: drop it from Unprotected", typ))
		}
	}
	for _, inv := range m.Invokes() {
		if ref, ok := allowed[pkg(inv.Token)]; ok && inv.Provider != ref {
			errs = append(errs, fmt.Errorf("lookup %s goes to provider %q, not the caller's: give it pulumi.Parent(component)", inv.Token, inv.Provider))
		}
	}
	return errors.Join(errs...)
}

// pkg is the package of a type or function token ("aws" for "aws:s3/bucketV2:BucketV2").
func pkg(token string) string { return strings.SplitN(token, ":", 2)[0] }
