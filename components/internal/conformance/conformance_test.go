package conformance

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tenkstack/tenk/components/internal/inherit"
)

// fake is a component of count topics; a non-empty broken breaks one rule on purpose.
type fake struct{ pulumi.ResourceState }

// unstable counts builds, for the fake whose names change from one build to the next.
var unstable int

func newFake(broken string) func(ctx *pulumi.Context, name string, count int, opts ...pulumi.ResourceOption) error {
	return func(ctx *pulumi.Context, name string, count int, opts ...pulumi.ResourceOption) error {
		c := &fake{}
		componentOpts := inherit.Options(opts)
		switch broken {
		case "drops caller options":
			componentOpts = nil
		case "retains only itself":
			componentOpts = opts
		}
		if err := ctx.RegisterComponentResource("fake:index:Component", name, c, componentOpts...); err != nil {
			return err
		}
		child := []pulumi.ResourceOption{pulumi.Parent(c)}
		switch broken {
		case "caller parent wins":
			child = append(child, opts...)
		case "unprotects":
			child = append(child, pulumi.Protect(false))
		case "makes its own provider":
			var own pulumi.ProviderResourceState
			if err := ctx.RegisterResource("pulumi:providers:aws", name+"-own", pulumi.Map{}, &own, pulumi.Parent(c)); err != nil {
				return err
			}
			child = append(child, pulumi.Provider(&own))
		}
		var region struct {
			Name string `pulumi:"name"`
		}
		var invokeOpts []pulumi.InvokeOption
		if broken != "lookup without parent" {
			invokeOpts = append(invokeOpts, pulumi.Parent(c))
		}
		if err := ctx.Invoke("aws:index/getRegion:getRegion", map[string]any{}, &region, invokeOpts...); err != nil {
			return err
		}
		for i := range count {
			n := fmt.Sprintf("%s-topic-%d", name, i)
			switch broken {
			case "child of the stack":
				child = nil
			case "not named after the component":
				n = fmt.Sprintf("topic-%d", i)
			case "names from a counter":
				unstable++
				n = fmt.Sprintf("%s-topic-%d", name, unstable)
			case "names include the count":
				n = fmt.Sprintf("%s-topic-%d-of-%d", name, i, count)
			case "ignores its count":
				if i > 0 {
					continue
				}
			}
			var topic pulumi.CustomResourceState
			if err := ctx.RegisterResource("aws:sns/topic:Topic", n, pulumi.Map{}, &topic, child...); err != nil {
				return err
			}
		}
		return ctx.RegisterResourceOutputs(c, pulumi.Map{})
	}
}

// TestEachRuleFailsOnABrokenComponent: the check passes a conforming fake and fails each fake
// broken in one way, naming the rule it breaks.
func TestEachRuleFailsOnABrokenComponent(t *testing.T) {
	fakeComponent := func(broken string) Component {
		return Component{Token: "fake:index:Component", New: newFake(broken), Counts: [2]int{1, 2}}
	}
	if err := Verify(fakeComponent("")); err != nil {
		t.Fatalf("a conforming component fails: %v", err)
	}
	for broken, want := range map[string]string{
		"child of the stack":            "children: aws:sns/topic:Topic \"conf-topic-0\" is not under the component",
		"not named after the component": "children: aws:sns/topic:Topic \"topic-0\" is not named after the component",
		"drops caller options":          "caller options: the component's parent is",
		"caller parent wins":            "caller options: with a caller's Parent: aws:sns/topic:Topic \"conf-topic-0\" is not under the component",
		"unprotects":                    "caller options: aws:sns/topic:Topic \"conf-topic-0\" is not protected",
		"makes its own provider":        "caller options: pulumi:providers:aws \"conf-own\": the component makes its own provider although the caller gave one",
		"retains only itself":           "caller options: aws:sns/topic:Topic \"conf-topic-0\" is not retained on delete",
		"lookup without parent":         "caller options: lookup aws:index/getRegion:getRegion goes to provider \"\"",
		"names from a counter":          "stable URNs: the same inputs registered other URNs",
		"names include the count":       "count renames nothing: raising the count from 1 to 2 renames or removes",
		"ignores its count":             "count renames nothing: raising the count changed no registration",
	} {
		t.Run(broken, func(t *testing.T) {
			err := Verify(fakeComponent(broken))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("Verify = %v, want a problem containing %q", err, want)
			}
		})
	}
}

// TestImportBudget: a compiled AWS service outside the budget, a budget entry never compiled and
// an import of another component are each reported; the shared helpers and pulumi-aws's internal
// packages are not.
func TestImportBudget(t *testing.T) {
	const pkg = components + "waf"
	deps := []string{"fmt", awsSDK + "internal", awsSDK + "wafv2", awsSDK + "cloudwatch", shared + "alarms", pkg}
	if err := withinBudget(pkg, deps, Budget{AWS: []string{"wafv2", "cloudwatch"}}); err != nil {
		t.Errorf("within budget: %v", err)
	}
	for name, tc := range map[string]struct {
		deps   []string
		budget []string
		want   string
	}{
		"outside":         {deps, []string{"cloudwatch"}, "compiles " + awsSDK + "wafv2, outside its budget"},
		"unused":          {deps, []string{"wafv2", "cloudwatch", "s3"}, "budget lists s3, which it does not compile"},
		"other component": {append(deps, components+"cdn"), []string{"wafv2", "cloudwatch"}, "imports another component, " + components + "cdn"},
	} {
		t.Run(name, func(t *testing.T) {
			err := withinBudget(pkg, tc.deps, Budget{AWS: tc.budget})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("withinBudget = %v, want a problem containing %q", err, tc.want)
			}
		})
	}
	// And against the real dependency list of a package, through go list.
	err := checkImportWeight(Component{Package: pkg, Budget: Budget{AWS: []string{"cloudwatch"}}})
	if err == nil || !strings.Contains(err.Error(), "wafv2") {
		t.Errorf("components/waf without wafv2 in its budget: %v", err)
	}
}

// TestUnprotectedTypes: a type listed in Unprotected must occur and stay unprotected under a
// caller's Protect, while every other child is still protected.
func TestUnprotectedTypes(t *testing.T) {
	with := func(broken string, unprotected ...string) error {
		return Verify(Component{Token: "fake:index:Component", New: newFake(broken), Counts: [2]int{1, 2}, Unprotected: unprotected})
	}
	if err := with("unprotects", "aws:sns/topic:Topic"); err != nil {
		t.Errorf("an unprotected child of a listed type: %v", err)
	}
	for name, tc := range map[string]struct {
		err  error
		want string
	}{
		"listed but protected": {with("", "aws:sns/topic:Topic"), "caller options: aws:sns/topic:Topic \"conf-topic-0\" is protected: it must stay replaceable"},
		"listed but absent":    {with("", "aws:sqs/queue:Queue"), "caller options: no aws:sqs/queue:Queue among the children"},
	} {
		if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: Verify = %v, want a problem containing %q", name, tc.err, tc.want)
		}
	}
}
