package plan

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// RenderText writes the plan for a terminal: the diff first when d is not nil, then the
// component tree, the cost lines and the Mermaid diagram.
func RenderText(w io.Writer, p *Plan, d *Diff) error {
	var b strings.Builder
	fmt.Fprintf(&b, "tenkctl plan: project %s, stack %s, region %s\n", p.Project, p.Stack, p.Region)
	fmt.Fprintf(&b, "%s in %s; estimated %s/month\n", plural(len(p.Resources), "resource"), plural(len(p.Components), "component"), money(p.Cost.Total))
	if d != nil {
		b.WriteString("\n")
		diffText(&b, d)
	}
	releaseText(&b, p.Release)

	b.WriteString("\nComponents\n")
	res := p.resourceByURN()
	for _, n := range componentTree(p) {
		indent := strings.Repeat("  ", n.Depth+1)
		fmt.Fprintf(&b, "%s%s %s (%s): %s\n", indent, shortType(n.C.Type), n.C.Name, n.C.Type, plural(n.C.Total, "resource"))
		for _, urn := range n.C.Key {
			r := res[urn]
			fmt.Fprintf(&b, "%s  - %s %s: %s\n", indent, shortType(r.Type), r.Name, settingsLine(r.Settings))
		}
		if len(n.C.Counts) > 0 {
			fmt.Fprintf(&b, "%s  all: %s\n", indent, countsLine(n.C.Counts))
		}
	}
	if roots := rootResources(p); len(roots) > 0 {
		fmt.Fprintf(&b, "  (stack root): %s\n", plural(len(roots), "resource"))
		for _, r := range roots {
			fmt.Fprintf(&b, "    - %s %s %s\n", shortType(r.Type), r.Name, settingsLine(r.Settings))
		}
	}

	if err := subnetsText(&b, p.Subnets); err != nil {
		return err
	}

	c := p.Cost
	fmt.Fprintf(&b, "\nEstimated monthly cost (%s, on-demand, %s prices of %s, %s h/month)\n", c.Currency, p.Region, c.PriceDate, num(c.HoursPerMonth))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  COMPONENT\tRESOURCE\tITEM\tQUANTITY\tUNIT PRICE\tMONTHLY\t\n")
	for _, l := range c.Lines {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\t\n", l.Component, l.Resource, l.Item, num(l.Quantity), unitPrice(l), money(l.Monthly))
	}
	fmt.Fprintf(tw, "  TOTAL\t\t\t\t\t%s\t\n", money(c.Total))
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(c.UsageBased) > 0 {
		b.WriteString("  Usage-based, not estimated:\n")
		for _, u := range c.UsageBased {
			fmt.Fprintf(&b, "    - %s %s: %s\n", shortType(u.Type), u.Resource, u.Reason)
		}
	}
	b.WriteString("  Assumptions:\n")
	for _, a := range c.Assumptions {
		fmt.Fprintf(&b, "    - %s\n", a)
	}
	b.WriteString("  Left out:\n")
	for _, l := range c.LeftOut {
		fmt.Fprintf(&b, "    - %s\n", l)
	}
	fmt.Fprintf(&b, "  Prices: %s (%s, %s)\n", c.PriceFile, c.PriceDate, c.PriceSource)

	b.WriteString("\nDiagram (Mermaid)\n")
	for _, line := range strings.Split(strings.TrimRight(p.Diagram, "\n"), "\n") {
		b.WriteString("  " + line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diffText writes the diff section.
func diffText(b *strings.Builder, d *Diff) {
	fmt.Fprintf(b, "Changes against the base plan (stack %s): %d added, %d removed, %d changed; cost %s → %s (%s/month)\n",
		d.BaseStack, len(d.Added), len(d.Removed), len(d.Changed), money(d.Cost.Old), money(d.Cost.New), signed(d.Cost.Delta))
	for _, f := range d.Flags {
		fmt.Fprintf(b, "  !! %s: %s\n", strings.ToUpper(f.Action), f.Message)
	}
	for _, c := range d.Added {
		fmt.Fprintf(b, "  + %s %s\n", c.Type, c.Name)
	}
	for _, c := range d.Removed {
		fmt.Fprintf(b, "  - %s %s\n", c.Type, c.Name)
	}
	for _, c := range d.Changed {
		fmt.Fprintf(b, "  ~ %s %s\n", c.Type, c.Name)
		for _, in := range c.Inputs {
			fmt.Fprintf(b, "      %s: %s → %s\n", in.Path, shown(in.Old), shown(in.New))
		}
	}
	for _, r := range d.Cost.Resources {
		fmt.Fprintf(b, "  $ %s %s: %s → %s (%s)\n", shortType(r.Type), r.Resource, money(r.Old), money(r.New), signed(r.Delta))
	}
	if d.Release != nil {
		fmt.Fprintf(b, "  Release: %s\n", d.Release.Summary())
	}
}

// shown renders an input value in a diff: unset values say so, long ones are cut.
func shown(v string) string {
	if v == "" {
		return "(unset)"
	}
	return truncate(v, 80)
}

// subnetsText writes the subnet layout as a table.
func subnetsText(b *strings.Builder, subnets []Subnet) error {
	if len(subnets) == 0 {
		return nil
	}
	b.WriteString("\nSubnets (usable = addresses less the 5 AWS reserves)\n")
	tw := tabwriter.NewWriter(b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "  VPC\tTIER\tAZ\tCIDR\tUSABLE\t\n")
	for _, s := range subnets {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%d\t\n", s.Vpc, s.Tier, s.AvailabilityZone, s.CidrBlock, s.UsableAddresses)
	}
	return tw.Flush()
}
