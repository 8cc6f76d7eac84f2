package plan

import (
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"sort"
	"strings"
)

// PricesDir is where the price tables live, relative to the repository root; errors name it so
// the fix is one edit away.
const PricesDir = "internal/plan/prices"

//go:embed prices/*.json
var priceFiles embed.FS

// Prices is one region's price table (prices/<region>.json). Hourly prices are per hour of one
// instance, node or load balancer; Month prices are per month; GbMonth prices per GB-month.
type Prices struct {
	// Region is the AWS region the prices are for; it must match the file name.
	Region string `json:"region"`
	// Currency of every price, "USD".
	Currency string `json:"currency"`
	// Date is when the prices were read from AWS (YYYY-MM-DD).
	Date string `json:"date"`
	// Source says where the prices come from.
	Source string `json:"source"`
	// HoursPerMonth turns hourly prices into monthly ones: AWS's own 730.
	HoursPerMonth float64 `json:"hoursPerMonth"`
	// EC2 is the Linux on-demand price of an instance type.
	EC2 map[string]float64 `json:"ec2"`
	// EBSGbMonth is the price of EBS storage per volume type.
	EBSGbMonth map[string]float64 `json:"ebsGbMonth"`
	// RDS is the single-AZ price of a DB instance class per engine; Multi-AZ costs twice as much.
	RDS map[string]map[string]float64 `json:"rds"`
	// RDSStorageGbMonth is single-AZ RDS storage per storage type; Multi-AZ doubles it.
	RDSStorageGbMonth map[string]float64 `json:"rdsStorageGbMonth"`
	// Aurora is the Aurora Standard price of an instance class (both Aurora engines).
	Aurora map[string]float64 `json:"aurora"`
	// ElastiCache is the on-demand node price per engine and node type.
	ElastiCache map[string]map[string]float64 `json:"elasticache"`
	// ALBHour is one Application Load Balancer.
	ALBHour float64 `json:"albHour"`
	// ALBLCUHour is one load-balancer capacity unit.
	ALBLCUHour float64 `json:"albLcuHour"`
	// NATGatewayHour is one NAT gateway, before data processing.
	NATGatewayHour float64 `json:"natGatewayHour"`
	// PublicIPv4Hour is one public IPv4 address (Elastic IP or an ALB node's address).
	PublicIPv4Hour float64 `json:"publicIpv4Hour"`
	// InterfaceEndpointAZHour is one interface VPC endpoint in one AZ.
	InterfaceEndpointAZHour float64 `json:"interfaceEndpointAzHour"`
	// InterfaceEndpointGB is one GB an interface endpoint processes (first tier), usage.
	InterfaceEndpointGB float64 `json:"interfaceEndpointGb"`
	// CloudWatchAlarmMonth is one standard-resolution metric alarm.
	CloudWatchAlarmMonth float64 `json:"cloudwatchAlarmMonth"`
	// CloudWatchHighResolutionAlarmMonth is one alarm with a period under 60 s.
	CloudWatchHighResolutionAlarmMonth float64 `json:"cloudwatchHighResolutionAlarmMonth"`
	// CloudWatchDashboardMonth is one CloudWatch dashboard beyond the free tier's three.
	CloudWatchDashboardMonth float64 `json:"cloudwatchDashboardMonth"`
	// SecretMonth is one Secrets Manager secret.
	SecretMonth float64 `json:"secretMonth"`
	// KMSKeyMonth is one customer-managed KMS key.
	KMSKeyMonth float64 `json:"kmsKeyMonth"`
	// DynamoDBRCUHour is one provisioned read capacity unit.
	DynamoDBRCUHour float64 `json:"dynamodbRcuHour"`
	// DynamoDBWCUHour is one provisioned write capacity unit.
	DynamoDBWCUHour float64 `json:"dynamodbWcuHour"`

	// ECRStorageGbMonth is one GB-month of images in a private ECR repository.
	ECRStorageGbMonth float64 `json:"ecrStorageGbMonth"`
	// CloudWatchLogsIngestionGB is one GB of Standard-class logs ingested into CloudWatch Logs.
	CloudWatchLogsIngestionGB float64 `json:"cloudwatchLogsIngestionGb"`
	// WAFWebACLMonth is one AWS WAF web ACL.
	WAFWebACLMonth float64 `json:"wafWebAclMonth"`
	// WAFRuleMonth is one rule in a web ACL; a managed rule group counts as one rule.
	WAFRuleMonth float64 `json:"wafRuleMonth"`
	// WAFMillionRequests is one million requests a web ACL inspects (up to 1,500 WCU).
	WAFMillionRequests float64 `json:"wafMillionRequests"`
}

// File is the table's path relative to the repository root, for messages.
func (p *Prices) File() string { return PricesDir + "/" + p.Region + ".json" }

// LoadPrices returns the price table of region, or an error naming the regions that have one and
// the file to add.
func LoadPrices(region string) (*Prices, error) {
	if region == "" {
		return nil, errors.New("no region: set aws:region in Pulumi.<stack>.yaml")
	}
	raw, err := priceFiles.ReadFile("prices/" + region + ".json")
	if err != nil {
		return nil, fmt.Errorf("no price table for region %q (tables exist for %s): add %s/%s.json with the shape of us-east-1.json",
			region, strings.Join(PriceRegions(), ", "), PricesDir, region)
	}
	return ParsePrices(region, raw)
}

// ParsePrices decodes a price table and checks that it is for region and complete.
func ParsePrices(region string, raw []byte) (*Prices, error) {
	var p Prices
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s/%s.json: %w", PricesDir, region, err)
	}
	if p.Region != region {
		return nil, fmt.Errorf("%s/%s.json says region %q: it must be %q", PricesDir, region, p.Region, region)
	}
	if p.Date == "" || p.Source == "" || p.Currency == "" {
		return nil, fmt.Errorf("%s: date, source and currency are required", p.File())
	}
	// A price left out of the file would read as 0, a silent guess: every scalar is required.
	v := reflect.ValueOf(p)
	for i := 0; i < v.NumField(); i++ {
		if f := v.Field(i); f.Kind() == reflect.Float64 && f.Float() <= 0 {
			tag := strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0]
			return nil, fmt.Errorf("%s: %q is missing or not positive", p.File(), tag)
		}
	}
	return &p, nil
}

// PriceRegions lists the regions with a price table, sorted.
func PriceRegions() []string {
	entries, _ := fs.Glob(priceFiles, "prices/*.json")
	out := make([]string, 0, len(entries))
	for _, e := range entries {
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(e, "prices/"), ".json"))
	}
	sort.Strings(out)
	return out
}

// missingPrice is the error for a type the table has no price for: it names the type, the
// resource that uses it and where to add it. It never falls back to a guess.
func (p *Prices) missingPrice(what, key string, r *Resource, section string) error {
	return fmt.Errorf("no price for %s %q (%s %s) in %s: add it under %s in %s",
		what, key, r.Type, r.Name, p.Region, section, p.File())
}
