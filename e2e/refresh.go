package e2e

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
)

// InstanceRefresh is one instance refresh of an Auto Scaling group as `aws autoscaling
// describe-instance-refreshes` prints it (Auto Scaling API reference, InstanceRefresh and
// RollbackDetails; aws-cli awscli/examples/autoscaling/describe-instance-refreshes.rst).
type InstanceRefresh struct {
	InstanceRefreshID  string           `json:"InstanceRefreshId"`
	Status             string           `json:"Status"`
	StatusReason       string           `json:"StatusReason"`
	StartTime          time.Time        `json:"StartTime"`
	EndTime            time.Time        `json:"EndTime"`
	PercentageComplete int              `json:"PercentageComplete"`
	InstancesToUpdate  int              `json:"InstancesToUpdate"`
	RollbackDetails    *RollbackDetails `json:"RollbackDetails"`
}

// RollbackDetails say why and when a refresh started rolling back.
type RollbackDetails struct {
	RollbackReason               string    `json:"RollbackReason"`
	RollbackStartTime            time.Time `json:"RollbackStartTime"`
	PercentageCompleteOnRollback int       `json:"PercentageCompleteOnRollback"`
}

// The statuses of an instance refresh (API reference, InstanceRefresh.Status). Pending,
// InProgress, Baking, Cancelling and RollbackInProgress are still moving; the others are final.
const (
	RefreshSuccessful         = "Successful"
	RefreshFailed             = "Failed"
	RefreshCancelled          = "Cancelled"
	RefreshRollbackFailed     = "RollbackFailed"
	RefreshRollbackSuccessful = "RollbackSuccessful"
)

var refreshFinal = []string{RefreshSuccessful, RefreshFailed, RefreshCancelled, RefreshRollbackFailed, RefreshRollbackSuccessful}

// Ended is true once the refresh's status can no longer change.
func (r InstanceRefresh) Ended() bool { return slices.Contains(refreshFinal, r.Status) }

// RollbackReason is why the refresh rolled back, "" when it did not.
func (r InstanceRefresh) RollbackReason() string {
	if r.RollbackDetails == nil {
		return ""
	}
	return r.RollbackDetails.RollbackReason
}

// Summary is one line for a check's message: status, progress and reasons.
func (r InstanceRefresh) Summary() string {
	parts := []string{fmt.Sprintf("instance refresh %s is %s at %d %%", r.InstanceRefreshID, r.Status, r.PercentageComplete)}
	if reason := r.RollbackReason(); reason != "" {
		parts = append(parts, "rollback reason: "+reason)
	}
	if r.StatusReason != "" {
		parts = append(parts, "status reason: "+r.StatusReason)
	}
	return strings.Join(parts, "; ")
}

// ParseInstanceRefreshes reads describe-instance-refreshes' JSON output.
func ParseInstanceRefreshes(data []byte) ([]InstanceRefresh, error) {
	var out struct{ InstanceRefreshes []InstanceRefresh }
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("describe-instance-refreshes: unexpected output: %w", err)
	}
	return out.InstanceRefreshes, nil
}

// RefreshStartedSince is the latest refresh that started at or after since: the one a release
// deployed at since started. false when there is none (yet).
func RefreshStartedSince(refreshes []InstanceRefresh, since time.Time) (InstanceRefresh, bool) {
	var latest InstanceRefresh
	found := false
	for _, r := range refreshes {
		if r.StartTime.Before(since) {
			continue
		}
		if !found || r.StartTime.After(latest.StartTime) {
			latest, found = r, true
		}
	}
	return latest, found
}
