package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// VPCOriginSecurityGroup is the security group CloudFront creates in a VPC for its VPC origins
// and puts on the network interfaces it places in the origin's subnets (CloudFront Developer
// Guide, "Restrict access with VPC origins"). Neither goes away the moment the VPC origin is
// deleted: until they do, deleting the subnets and the VPC fails with DependencyViolation.
const VPCOriginSecurityGroup = "CloudFront-VPCOrigins-Service-SG"

// Leftover is one thing AWS has not deleted yet.
type Leftover struct {
	// Kind is "network interface" or "security group".
	Kind string
	// ID is the interface's or group's ID.
	ID string
	// Detail says how to recognise it: status, interface type, requester, description.
	Detail string
}

func (l Leftover) String() string { return fmt.Sprintf("%s %s (%s)", l.Kind, l.ID, l.Detail) }

// LeftoverLister lists what CloudFront's VPC origins left in a VPC (CLI in the test and the
// destroy script, fakes in unit tests).
type LeftoverLister interface {
	VPCOriginLeftovers(ctx context.Context, vpcID string) ([]Leftover, error)
}

// networkInterface is what describe-network-interfaces says of one interface.
type networkInterface struct {
	NetworkInterfaceId string
	Status             string
	InterfaceType      string
	Description        string
	RequesterId        string
	RequesterManaged   bool
	Groups             []struct{ GroupId, GroupName string }
}

// fromVPCOrigin recognises CloudFront's interfaces: they carry VPCOriginSecurityGroup, or they
// are managed by a requester other than the account (RequesterManaged) and describe themselves
// as CloudFront's.
func (n networkInterface) fromVPCOrigin() bool {
	for _, g := range n.Groups {
		if g.GroupName == VPCOriginSecurityGroup {
			return true
		}
	}
	return n.RequesterManaged && strings.Contains(strings.ToLower(n.Description), "cloudfront")
}

// VPCOriginLeftovers lists the VPC origin's network interfaces and its security group in vpcID.
func (c CLI) VPCOriginLeftovers(ctx context.Context, vpcID string) ([]Leftover, error) {
	var enis struct{ NetworkInterfaces []networkInterface }
	if err := c.aws(ctx, &enis, "ec2", "describe-network-interfaces", "--filters", "Name=vpc-id,Values="+vpcID); err != nil {
		return nil, err
	}
	var groups struct {
		SecurityGroups []struct{ GroupId, GroupName string }
	}
	if err := c.aws(ctx, &groups, "ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values="+vpcID, "Name=group-name,Values="+VPCOriginSecurityGroup); err != nil {
		return nil, err
	}
	var out []Leftover
	for _, n := range enis.NetworkInterfaces {
		if !n.fromVPCOrigin() {
			continue
		}
		out = append(out, Leftover{Kind: "network interface", ID: n.NetworkInterfaceId,
			Detail: fmt.Sprintf("status %s, type %s, requester %s, %q", n.Status, n.InterfaceType, n.RequesterId, n.Description)})
	}
	for _, g := range groups.SecurityGroups {
		out = append(out, Leftover{Kind: "security group", ID: g.GroupId, Detail: g.GroupName})
	}
	slices.SortFunc(out, func(a, b Leftover) int { return strings.Compare(a.Kind+a.ID, b.Kind+b.ID) })
	return out, nil
}

// LeftoverWait waits for a VPC origin's leftovers to go.
type LeftoverWait struct {
	// Lister asks AWS what is left.
	Lister LeftoverLister
	// Clock paces the polls. Default: RealClock.
	Clock Clock
	// Timeout bounds the wait. Default: 20 minutes. AWS documents no figure for how long the
	// interfaces outlive the VPC origin; the bound keeps a destroy from waiting forever.
	Timeout time.Duration
	// Interval is the pause between polls. Default: 30 seconds.
	Interval time.Duration
	// Log receives what is left at every poll. Default: io.Discard.
	Log io.Writer
	// Region is only named in the error's commands.
	Region string
}

// Wait returns nil once vpcID holds nothing a VPC origin left, or an error that names every
// leftover after Timeout.
func (w LeftoverWait) Wait(ctx context.Context, vpcID string) error {
	clock, timeout, interval := w.Clock, w.Timeout, w.Interval
	if clock == nil {
		clock = RealClock{}
	}
	if timeout == 0 {
		timeout = 20 * time.Minute
	}
	if interval == 0 {
		interval = 30 * time.Second
	}
	var left []Leftover
	err := Eventually(ctx, clock, timeout, interval, func(ctx context.Context) error {
		var err error
		if left, err = w.Lister.VPCOriginLeftovers(ctx, vpcID); err != nil {
			return Permanent(err)
		}
		if len(left) == 0 {
			return nil
		}
		fmt.Fprintf(orDiscard(w.Log), "waiting for CloudFront to delete what its VPC origin left in %s: %s\n", vpcID, joinLeftovers(left))
		return errors.New("left")
	})
	if err == nil {
		return nil
	}
	if len(left) == 0 {
		return fmt.Errorf("list what CloudFront's VPC origin left in %s: %w", vpcID, err)
	}
	return fmt.Errorf("after %s, %s still holds what CloudFront's VPC origin left: %s. CloudFront deletes them by itself (requester-managed interfaces cannot be deleted by you); run the destroy again later, and see what is left with: aws ec2 describe-network-interfaces --region %s --filters Name=vpc-id,Values=%s Name=group-name,Values=%s",
		timeout, vpcID, joinLeftovers(left), w.Region, vpcID, VPCOriginSecurityGroup)
}

func joinLeftovers(left []Leftover) string {
	parts := make([]string, len(left))
	for i, l := range left {
		parts[i] = l.String()
	}
	return strings.Join(parts, "; ")
}

// VPCOfDeployment finds the VPC of an exported deployment (`pulumi stack export`'s
// "deployment"): its ID and, from its ARN, its region. ok is false when the state holds none.
func VPCOfDeployment(deployment json.RawMessage) (id, region string, ok bool, err error) {
	if len(deployment) == 0 {
		return "", "", false, nil
	}
	var d struct {
		Resources []struct {
			Type    string `json:"type"`
			Outputs struct {
				ID  string `json:"id"`
				Arn string `json:"arn"`
			} `json:"outputs"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(deployment, &d); err != nil {
		return "", "", false, fmt.Errorf("read the exported deployment: %w", err)
	}
	for _, r := range d.Resources {
		if r.Type == "aws:ec2/vpc:Vpc" && r.Outputs.ID != "" {
			parts := strings.SplitN(r.Outputs.Arn, ":", 5)
			if len(parts) == 5 {
				region = parts[3]
			}
			return r.Outputs.ID, region, true, nil
		}
	}
	return "", "", false, nil
}
