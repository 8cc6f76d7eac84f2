package appconfig

import "github.com/tenkstack/tenk/components/internal/iampolicy"

// readPolicy is the read policy's document: GetParameter(s) on every parameter under prefix and
// GetParametersByPath on the path (ReadResources). Secrets a setting points to (DB_SECRET_ARN)
// are granted by the tier that owns them (database and cache SecretReadPolicy).
func readPolicy(parameterArnPrefix, prefix string) iampolicy.Document {
	byPath, parameters := ReadResources(parameterArnPrefix, prefix)
	return iampolicy.New(
		iampolicy.Allow("ReadSettings", []string{"ssm:GetParameter", "ssm:GetParameters"}, parameters),
		iampolicy.Allow("ReadSettingsByPath", "ssm:GetParametersByPath", byPath),
	)
}
