package conformance

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/internal/mockmonitor"
	"github.com/tenkstack/tenk/internal/providerstubs"
)

// The caller's own registrations, which the component is built under and with.
const (
	callerToken    = "conformance:index:Caller"
	callerName     = "caller"
	providerToken  = "pulumi:providers:aws"
	providerName   = "caller-aws"
	dependencyType = "aws:sns/topic:Topic"
	dependencyName = "caller-dependency"
)

// caller stands for the component or program that embeds the component under test.
type caller struct{ pulumi.ResourceState }

// checkCallerOptions builds the component inside a caller with the caller's Parent, Provider,
// Protect, RetainOnDelete and DependsOn, and checks that each reaches what it should.
func checkCallerOptions(c Component) error {
	m := mockmonitor.NewMocks(providerstubs.All()...)
	_, err := mockmonitor.Run(func(ctx *pulumi.Context) error {
		parent := &caller{}
		if err := ctx.RegisterComponentResource(callerToken, callerName, parent); err != nil {
			return err
		}
		var provider pulumi.ProviderResourceState
		if err := ctx.RegisterResource(providerToken, providerName, pulumi.Map{}, &provider); err != nil {
			return err
		}
		var dependency pulumi.CustomResourceState
		if err := ctx.RegisterResource(dependencyType, dependencyName, pulumi.Map{}, &dependency); err != nil {
			return err
		}
		return c.New(ctx, name, c.count(), pulumi.Parent(parent), pulumi.Provider(&provider),
			pulumi.Protect(true), pulumi.RetainOnDelete(true), pulumi.DependsOn([]pulumi.Resource{&dependency}))
	}, mockmonitor.RunOptions{Mocks: m})
	if err != nil {
		return err
	}
	return callerOptionsHonoured(m, c.Token)
}

// callerOptionsHonoured checks the recording of checkCallerOptions.
func callerOptionsHonoured(m *mockmonitor.Mocks, token string) error {
	parent, _ := m.Named(callerToken, callerName)
	provider, _ := m.Named(providerToken, providerName)
	dependency, _ := m.Named(dependencyType, dependencyName)
	root, err := component(m, token)
	if err != nil {
		return err
	}
	var errs []error
	if root.Parent != parent.URN {
		errs = append(errs, fmt.Errorf("the component's parent is %q, not the caller's Parent", root.Parent))
	}
	if !slices.Contains(root.Dependencies, dependency.URN) {
		errs = append(errs, errors.New("the component does not depend on the caller's DependsOn"))
	}
	if err := underComponent(m, root, map[string]bool{parent.URN: true, provider.URN: true, dependency.URN: true}); err != nil {
		errs = append(errs, fmt.Errorf("with a caller's Parent: %w", err))
	}
	providers := map[string]bool{provider.URN + "::" + provider.ID: true}
	for _, r := range m.Resources() {
		if r.Type == providerToken && r.URN != provider.URN {
			providers[r.URN+"::"+r.ID] = true // the component's own, as cdn's us-east-1 one
		}
	}
	for _, r := range m.Resources() {
		if !r.Custom || r.URN == provider.URN || r.URN == dependency.URN {
			continue
		}
		if !r.Protect {
			errs = append(errs, fmt.Errorf("%s %q is not protected: the caller's Protect does not reach it", r.Type, r.Name))
		}
		if !r.RetainOnDelete {
			errs = append(errs, fmt.Errorf("%s %q is not retained on delete: the caller's RetainOnDelete does not reach it", r.Type, r.Name))
		}
		if strings.HasPrefix(r.Type, "aws:") && !providers[r.Provider] {
			errs = append(errs, fmt.Errorf("%s %q uses provider %q, not the caller's", r.Type, r.Name, r.Provider))
		}
	}
	for _, inv := range m.Invokes() {
		if strings.HasPrefix(inv.Token, "aws:") && !providers[inv.Provider] {
			errs = append(errs, fmt.Errorf("lookup %s goes to provider %q, not the caller's: give it pulumi.Parent(component)", inv.Token, inv.Provider))
		}
	}
	return errors.Join(errs...)
}
