package plan

import (
	"fmt"
	"slices"
	"strings"
)

// ReleaseChange is what a diff means for the web tier's instances: a new release (application or
// AMI) or another launch template change is a new launch template version, which starts an
// instance refresh; anything else (settings included) reaches running instances without one.
type ReleaseChange struct {
	// Old and New describe the releases (Release.Describe).
	Old string `json:"old"`
	New string `json:"new"`
	// StartsRollout is true when the launch template changes.
	StartsRollout bool `json:"startsRollout"`
	// Reasons say what changes the launch template: the release ("image: a → b", "AMI: …") and
	// any other input.
	Reasons []string `json:"reasons,omitempty"`
	// Seconds is the new release's modelled rollout (Release.Rollout), 0 without a rollout.
	Seconds int `json:"seconds,omitempty"`
}

// compareRelease compares the releases of two plans; nil when neither has one.
func compareRelease(old, new *Plan, changed []Change) *ReleaseChange {
	o, n := releaseOf(old), releaseOf(new)
	if o == nil || n == nil {
		return nil
	}
	rc := &ReleaseChange{Old: o.Describe(), New: n.Describe()}
	if o.Application != n.Application || o.Image != n.Image || o.BuildContext != n.BuildContext || o.BuildTag != n.BuildTag {
		rc.Reasons = append(rc.Reasons, "application: "+appOf(o)+" → "+appOf(n))
	}
	if o.AMI != n.AMI {
		rc.Reasons = append(rc.Reasons, "AMI: "+o.AMI+" → "+n.AMI)
	}
	for _, c := range changed {
		if c.Type != "aws:ec2/launchTemplate:LaunchTemplate" || c.Name != n.LaunchTemplate {
			continue
		}
		rc.StartsRollout = true
		var other []string
		for _, in := range c.Inputs {
			top := strings.SplitN(in.Path, ".", 2)[0]
			if top != "userData" && top != "imageId" && !slices.Contains(other, top) {
				other = append(other, top)
			}
		}
		if len(other) > 0 {
			rc.Reasons = append(rc.Reasons, "launch template: "+strings.Join(other, ", "))
		} else if len(rc.Reasons) == 0 {
			rc.Reasons = append(rc.Reasons, "the boot script")
		}
	}
	if rc.StartsRollout {
		rc.Seconds = n.Rollout.Seconds
	}
	return rc
}

// appOf names the application of a release for a change line.
func appOf(r *Release) string {
	switch r.Application {
	case AppImage:
		return r.Image
	case AppBuild:
		return "built from " + r.BuildContext + " (" + r.BuildTag + ")"
	}
	return r.Application
}

// Summary is the change in one sentence.
func (rc *ReleaseChange) Summary() string {
	if !rc.StartsRollout {
		return "no new release: the launch template is unchanged, so no rollout starts (settings reach running instances through the sync)"
	}
	return fmt.Sprintf("starts a rollout (an instance refresh, about %s by the model): %s", minutes(rc.Seconds), strings.Join(rc.Reasons, "; "))
}

// minutes formats seconds as whole minutes, rounded up.
func minutes(s int) string { return fmt.Sprintf("%d min", (s+59)/60) }
