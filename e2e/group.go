package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// RolloutAWS is what the release checks ask AWS: the group's refreshes and which launch template
// version it and each of its instances run. CLI implements it; unit tests use fakes.
type RolloutAWS interface {
	// InstanceRefreshes lists the group's instance refreshes of the last six weeks.
	InstanceRefreshes(ctx context.Context, group string) ([]InstanceRefresh, error)
	// GroupState describes the group's launch template version and instances.
	GroupState(ctx context.Context, group string) (GroupState, error)
}

// GroupState is an Auto Scaling group's launch template version and its instances.
type GroupState struct {
	// LaunchTemplateVersion is the version the group launches ("3"): tenk's web tier names a
	// numbered version, which is what lets a refresh roll back.
	LaunchTemplateVersion string
	Instances             []GroupInstance
}

// GroupInstance is one instance of the group.
type GroupInstance struct {
	ID                    string
	LifecycleState        string
	HealthStatus          string
	LaunchTemplateVersion string
}

// AllInServiceOn passes when the group launches version and has InService instances, all
// running it: a release is fully deployed (or fully rolled back).
func (g GroupState) AllInServiceOn(version string) error {
	if g.LaunchTemplateVersion != version {
		return fmt.Errorf("the group launches launch template version %s, want %s", g.LaunchTemplateVersion, version)
	}
	var inService, others []string
	for _, i := range g.Instances {
		if i.LifecycleState != "InService" {
			continue
		}
		inService = append(inService, i.ID)
		if i.LaunchTemplateVersion != version {
			others = append(others, fmt.Sprintf("%s runs version %s", i.ID, i.LaunchTemplateVersion))
		}
	}
	if len(inService) == 0 {
		return fmt.Errorf("the group has no InService instance")
	}
	if len(others) > 0 {
		return fmt.Errorf("not every InService instance runs version %s: %s", version, strings.Join(others, "; "))
	}
	return nil
}

// InstanceRefreshes runs describe-instance-refreshes for the group (the newest 20: a run makes
// two).
func (c CLI) InstanceRefreshes(ctx context.Context, group string) ([]InstanceRefresh, error) {
	var raw json.RawMessage
	if err := c.aws(ctx, &raw, "autoscaling", "describe-instance-refreshes", "--auto-scaling-group-name", group, "--max-records", "20"); err != nil {
		return nil, err
	}
	return ParseInstanceRefreshes(raw)
}

// GroupState runs describe-auto-scaling-groups for the group.
func (c CLI) GroupState(ctx context.Context, group string) (GroupState, error) {
	type template struct{ Version string }
	var out struct {
		AutoScalingGroups []struct {
			LaunchTemplate *template
			Instances      []struct {
				InstanceId, LifecycleState, HealthStatus string
				LaunchTemplate                           *template
			}
		}
	}
	if err := c.aws(ctx, &out, "autoscaling", "describe-auto-scaling-groups", "--auto-scaling-group-names", group); err != nil {
		return GroupState{}, err
	}
	if len(out.AutoScalingGroups) == 0 {
		return GroupState{}, fmt.Errorf("auto scaling group %q does not exist in %s", group, c.Region)
	}
	g := out.AutoScalingGroups[0]
	version := func(t *template) string {
		if t == nil {
			return "" // a launch configuration or a mixed instances policy: never tenk's group
		}
		return t.Version
	}
	s := GroupState{LaunchTemplateVersion: version(g.LaunchTemplate)}
	for _, i := range g.Instances {
		s.Instances = append(s.Instances, GroupInstance{ID: i.InstanceId, LifecycleState: i.LifecycleState,
			HealthStatus: i.HealthStatus, LaunchTemplateVersion: version(i.LaunchTemplate)})
	}
	slices.SortFunc(s.Instances, func(a, b GroupInstance) int { return strings.Compare(a.ID, b.ID) })
	return s, nil
}
