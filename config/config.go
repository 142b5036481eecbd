// Package config loads actorgraph's configuration: defaults, then a YAML file
// (actorgraph.yaml, or the file named by --config), then ACTORGRAPH_
// environment variables, then command-line flags, each layer overriding the
// one before. It is the only package that knows Viper.
//
// Nested keys map to environment variables with "_" for ".": neo4j.password
// is ACTORGRAPH_NEO4J_PASSWORD, limits.max_hops is
// ACTORGRAPH_LIMITS_MAX_HOPS, http.cors_origins is
// ACTORGRAPH_HTTP_CORS_ORIGINS (comma separated). API keys can be given in
// the environment as ACTORGRAPH_API_KEYS (see ParseAPIKeys).
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"

	"github.com/actorgraph/actorgraph/apikey"
	"github.com/actorgraph/actorgraph/graph"
)

// DefaultFile is the configuration file read from the working directory
// when no --config flag is given. Its absence is not an error.
const DefaultFile = "actorgraph.yaml"

// EnvPrefix prefixes every environment variable the configuration reads.
const EnvPrefix = "ACTORGRAPH"

// Store kinds.
const (
	StoreEmbedded = "embedded"
	StoreNeo4j    = "neo4j"
)

// API key roles.
const (
	RoleRead    = apikey.RoleRead
	RoleWrite   = apikey.RoleWrite
	RoleMetrics = apikey.RoleMetrics
)

// Config is the effective configuration of the service and the CLI.
type Config struct {
	// Listen is the HTTP listen address. The default, localhost:8080,
	// serves this machine only; use ":8080" to serve the network.
	Listen string `mapstructure:"listen" yaml:"listen"`
	// Store is embedded (the default, no server) or neo4j.
	Store string `mapstructure:"store" yaml:"store"`
	// DataDir is the embedded store's directory.
	DataDir  string   `mapstructure:"data_dir" yaml:"data_dir"`
	Log      Log      `mapstructure:"log" yaml:"log"`
	Neo4j    Neo4j    `mapstructure:"neo4j" yaml:"neo4j"`
	Limits   Limits   `mapstructure:"limits" yaml:"limits"`
	Analysis Analysis `mapstructure:"analysis" yaml:"analysis"`
	HTTP     HTTP     `mapstructure:"http" yaml:"http"`
	APIKeys  []APIKey `mapstructure:"api_keys" yaml:"api_keys"`
	source   []string // files read, for messages
}

// Log configures the structured logger.
type Log struct {
	Level  string `mapstructure:"level" yaml:"level"`   // debug, info, warn, error
	Format string `mapstructure:"format" yaml:"format"` // text or json
}

// Neo4j configures the Neo4j store (store: neo4j).
type Neo4j struct {
	URI            string        `mapstructure:"uri" yaml:"uri"`
	User           string        `mapstructure:"user" yaml:"user"`
	Password       string        `mapstructure:"password" yaml:"password"` // secret: masked by Masked
	Database       string        `mapstructure:"database" yaml:"database"`
	ConnectTimeout time.Duration `mapstructure:"connect_timeout" yaml:"connect_timeout"`
	QueryTimeout   time.Duration `mapstructure:"query_timeout" yaml:"query_timeout"`
	// LongTimeout bounds streaming exports, imports and migrations.
	LongTimeout time.Duration `mapstructure:"long_timeout" yaml:"long_timeout"`
}

// Limits are the query bounds (graph.Limits) in configuration form.
type Limits struct {
	MaxHops      int `mapstructure:"max_hops" yaml:"max_hops"`
	MaxK         int `mapstructure:"max_k" yaml:"max_k"`
	MaxPaths     int `mapstructure:"max_paths" yaml:"max_paths"`
	MaxDepth     int `mapstructure:"max_depth" yaml:"max_depth"`
	MaxNodes     int `mapstructure:"max_nodes" yaml:"max_nodes"`
	MaxSeeds     int `mapstructure:"max_seeds" yaml:"max_seeds"`
	MaxSearch    int `mapstructure:"max_search" yaml:"max_search"`
	MaxRelations int `mapstructure:"max_relations" yaml:"max_relations"`
}

// Graph returns the limits as graph.Limits.
func (l Limits) Graph() graph.Limits {
	return graph.Limits{
		MaxHops: l.MaxHops, MaxK: l.MaxK, MaxPaths: l.MaxPaths, MaxDepth: l.MaxDepth,
		MaxNodes: l.MaxNodes, MaxSeeds: l.MaxSeeds, MaxSearch: l.MaxSearch, MaxRelations: l.MaxRelations,
	}
}

// Analysis bounds the network analyses (analyst.AnalysisLimits, whose
// documentation says what each bound covers): every analysis has a time
// limit and size limits, and a request over one gets a problem naming its
// key.
type Analysis struct {
	// Timeout bounds one analysis, from reading the graph to the answer.
	Timeout time.Duration `mapstructure:"timeout" yaml:"timeout"`
	// MaxNodes and MaxRelations bound the graph analysed: its actors, and
	// the relations that pass the filters.
	MaxNodes     int `mapstructure:"max_nodes" yaml:"max_nodes"`
	MaxRelations int `mapstructure:"max_relations" yaml:"max_relations"`
	// MaxWork bounds the estimated work of one measure, in steps (a node
	// visited or an adjacency entry scanned).
	MaxWork int64 `mapstructure:"max_work" yaml:"max_work"`
	// ExactBetweennessMax is the largest graph, in actors, whose
	// betweenness is exact; beyond it betweenness is sampled from Samples
	// source actors, with its error bound stated.
	ExactBetweennessMax int `mapstructure:"exact_betweenness_max" yaml:"exact_betweenness_max"`
	Samples             int `mapstructure:"samples" yaml:"samples"`
	// MaxTop bounds the actors, brokers and communities an answer lists
	// and the actors a query names; MaxYears the years of a series;
	// MaxSet a set of a brokers query once expanded.
	MaxTop   int `mapstructure:"max_top" yaml:"max_top"`
	MaxYears int `mapstructure:"max_years" yaml:"max_years"`
	MaxSet   int `mapstructure:"max_set" yaml:"max_set"`
	// CacheTTL is how long a graph read for one analysis serves the next
	// ones with the same filters, unless a write through this server comes
	// first; writes through other servers of one Neo4j database show
	// within it. "0s" turns the cache off.
	CacheTTL time.Duration `mapstructure:"cache_ttl" yaml:"cache_ttl"`
}

// HTTP configures the server.
type HTTP struct {
	// RequestTimeout bounds the work of one request (its context).
	RequestTimeout time.Duration `mapstructure:"request_timeout" yaml:"request_timeout"`
	// StreamTimeout replaces RequestTimeout for the streamed exports
	// (/v1/export, /v1/relations), which may legitimately run long.
	StreamTimeout time.Duration `mapstructure:"stream_timeout" yaml:"stream_timeout"`
	// MaxBodyBytes bounds request bodies; larger ones get 413.
	MaxBodyBytes      int64         `mapstructure:"max_body_bytes" yaml:"max_body_bytes"`
	ReadHeaderTimeout time.Duration `mapstructure:"read_header_timeout" yaml:"read_header_timeout"`
	ReadTimeout       time.Duration `mapstructure:"read_timeout" yaml:"read_timeout"`
	WriteTimeout      time.Duration `mapstructure:"write_timeout" yaml:"write_timeout"`
	IdleTimeout       time.Duration `mapstructure:"idle_timeout" yaml:"idle_timeout"`
	ShutdownTimeout   time.Duration `mapstructure:"shutdown_timeout" yaml:"shutdown_timeout"`
	// CORSOrigins are the origins browsers may fetch from ("*" for any).
	CORSOrigins []string `mapstructure:"cors_origins" yaml:"cors_origins"`
}

// APIKey is one configured key: never the key itself, only its hash
// "sha256:<64 hex digits>", and the roles it grants (read, write,
// metrics: see package apikey).
type APIKey struct {
	Name  string   `mapstructure:"name" yaml:"name"`
	Hash  string   `mapstructure:"hash" yaml:"hash"`
	Roles []string `mapstructure:"roles" yaml:"roles"`
}

// Default returns the configuration used when nothing else is set: the
// embedded store in ./data on localhost:8080, graph.DefaultLimits, no keys.
func Default() Config {
	l := graph.DefaultLimits
	return Config{
		Listen:  "localhost:8080",
		Store:   StoreEmbedded,
		DataDir: "./data",
		Log:     Log{Level: "info", Format: "text"},
		Neo4j: Neo4j{
			URI: "bolt://localhost:7687", User: "neo4j", Database: "neo4j",
			ConnectTimeout: 60 * time.Second, QueryTimeout: 30 * time.Second, LongTimeout: 30 * time.Minute,
		},
		Limits: Limits{
			MaxHops: l.MaxHops, MaxK: l.MaxK, MaxPaths: l.MaxPaths, MaxDepth: l.MaxDepth,
			MaxNodes: l.MaxNodes, MaxSeeds: l.MaxSeeds, MaxSearch: l.MaxSearch, MaxRelations: l.MaxRelations,
		},
		Analysis: Analysis{
			// analyst.DefaultAnalysisLimits (a test in cmd/actorgraph
			// keeps them equal): the cheap measures and betweenness
			// sampled from 1,000 sources run on a graph of a million
			// actors and five million relations.
			Timeout: 2 * time.Minute, MaxNodes: 2_000_000, MaxRelations: 20_000_000, MaxWork: 30_000_000_000,
			ExactBetweennessMax: 10_000, Samples: 1000, MaxTop: 1000, MaxYears: 100, MaxSet: 10_000, CacheTTL: time.Minute,
		},
		HTTP: HTTP{
			RequestTimeout:    30 * time.Second,
			StreamTimeout:     10 * time.Minute,
			MaxBodyBytes:      32 << 20,
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       2 * time.Minute,
			WriteTimeout:      11 * time.Minute,
			IdleTimeout:       2 * time.Minute,
			ShutdownTimeout:   20 * time.Second,
			CORSOrigins:       []string{},
		},
		APIKeys: []APIKey{},
	}
}

// flagKeys maps the command-line flags that AddFlags defines to their keys.
var flagKeys = []struct{ flag, key, usage string }{
	{"listen", "listen", "HTTP listen address (\":8080\" for every interface)"},
	{"store", "store", "store backend: embedded or neo4j"},
	{"data-dir", "data_dir", "directory of the embedded store"},
	{"log-level", "log.level", "log level: debug, info, warn or error"},
	{"log-format", "log.format", "log format: text or json"},
	{"neo4j-uri", "neo4j.uri", "Neo4j URI"},
	{"neo4j-user", "neo4j.user", "Neo4j user (set the password with ACTORGRAPH_NEO4J_PASSWORD)"},
	{"neo4j-database", "neo4j.database", "Neo4j database"},
	{"cors-origin", "http.cors_origins", "origin allowed to fetch from a browser (repeatable, \"*\" for any)"},
}

// ConfigFlag is the flag that names the configuration file.
const ConfigFlag = "config"

// AddFlags defines the configuration flags (--config, --listen, --store,
// --data-dir, --log-level, --log-format, --neo4j-uri, --neo4j-user,
// --neo4j-database, --cors-origin) on fs. Their defaults show the built-in
// defaults; only flags set on the command line override the file and the
// environment.
func AddFlags(fs *pflag.FlagSet) {
	d := Default()
	fs.String(ConfigFlag, "", "configuration file (default ./"+DefaultFile+" if it exists)")
	str := map[string]string{
		"listen": d.Listen, "store": d.Store, "data_dir": d.DataDir, "log.level": d.Log.Level,
		"log.format": d.Log.Format, "neo4j.uri": d.Neo4j.URI, "neo4j.user": d.Neo4j.User, "neo4j.database": d.Neo4j.Database,
	}
	for _, f := range flagKeys {
		if f.key == "http.cors_origins" {
			fs.StringSlice(f.flag, nil, f.usage)
			continue
		}
		fs.String(f.flag, str[f.key], f.usage)
	}
}

// Load builds the effective configuration: defaults < file < environment <
// flags. fs may be nil or a flag set prepared by AddFlags; its --config
// names the file (a missing named file is an error; a missing
// ./actorgraph.yaml is not). environ lists the environment as
// "KEY=value" (os.Environ() in production). Load does not validate: call
// Validate.
func Load(flags *pflag.FlagSet, environ []string) (Config, error) {
	v := viper.New()
	setDefaults(v, "", reflect.ValueOf(Default()))

	file := ""
	explicit := false
	if flags != nil {
		if f := flags.Lookup(ConfigFlag); f != nil && f.Value.String() != "" {
			file, explicit = f.Value.String(), true
		}
	}
	if file == "" {
		if _, err := os.Stat(DefaultFile); err == nil {
			file = DefaultFile
		}
	}
	if file != "" {
		v.SetConfigFile(file)
		v.SetConfigType("yaml")
		if err := v.ReadInConfig(); err != nil {
			var pe *fs.PathError
			if errors.As(err, &pe) && errors.Is(err, fs.ErrNotExist) && explicit {
				return Config{}, fmt.Errorf("config file %s does not exist", file)
			}
			return Config{}, fmt.Errorf("reading config file %s: %v", file, err)
		}
	}

	// Environment: viper's AutomaticEnv reads the process environment; we
	// take environ explicitly so tests need not touch it.
	env := map[string]string{}
	for _, kv := range environ {
		if k, val, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, EnvPrefix+"_") {
			env[k] = val
		}
	}
	for _, key := range v.AllKeys() {
		if val, ok := env[EnvName(key)]; ok && key != "api_keys" {
			v.Set(key, val)
		}
	}
	if val, ok := env[EnvName("api_keys")]; ok {
		keys, err := ParseAPIKeys(val)
		if err != nil {
			return Config{}, fmt.Errorf("%s: %v", EnvName("api_keys"), err)
		}
		v.Set("api_keys", keys)
	}

	if flags != nil {
		for _, f := range flagKeys {
			fl := flags.Lookup(f.flag)
			if fl == nil || !fl.Changed {
				continue
			}
			if f.key == "http.cors_origins" {
				vals, _ := flags.GetStringSlice(f.flag)
				v.Set(f.key, vals)
				continue
			}
			v.Set(f.key, fl.Value.String())
		}
	}

	var c Config
	err := v.UnmarshalExact(&c, viper.DecodeHook(mapstructure.ComposeDecodeHookFunc(
		mapstructure.StringToTimeDurationHookFunc(),
		mapstructure.StringToSliceHookFunc(","),
	)))
	if err != nil {
		return Config{}, fmt.Errorf("configuration: %v", cleanDecodeError(err))
	}
	if file != "" {
		c.source = []string{file}
	}
	for i := range c.HTTP.CORSOrigins {
		c.HTTP.CORSOrigins[i] = strings.TrimSpace(c.HTTP.CORSOrigins[i])
	}
	return c, nil
}

// Files lists the configuration files Load read.
func (c *Config) Files() []string { return slices.Clone(c.source) }

// EnvName returns the environment variable of a configuration key:
// "neo4j.password" -> "ACTORGRAPH_NEO4J_PASSWORD".
func EnvName(key string) string {
	return EnvPrefix + "_" + strings.ToUpper(strings.ReplaceAll(key, ".", "_"))
}

// setDefaults registers every leaf of the default configuration with v, so
// that every key is known (for the environment and for UnmarshalExact).
func setDefaults(v *viper.Viper, prefix string, rv reflect.Value) {
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		tag := f.Tag.Get("mapstructure")
		if tag == "" || !f.IsExported() {
			continue
		}
		key := tag
		if prefix != "" {
			key = prefix + "." + tag
		}
		fv := rv.Field(i)
		if fv.Kind() == reflect.Struct && f.Type != reflect.TypeOf(time.Duration(0)) {
			setDefaults(v, key, fv)
			continue
		}
		v.SetDefault(key, fv.Interface())
	}
}

var decodeNoise = regexp.MustCompile(`\s*\* `)

func cleanDecodeError(err error) string {
	s := err.Error()
	s = strings.ReplaceAll(s, "decoding failed due to the following error(s):\n\n", "")
	return strings.TrimSpace(decodeNoise.ReplaceAllString(s, "; "))
}

// ParseAPIKeys parses API keys in their environment form: entries separated
// by ";" or new lines, each "[name=]sha256:<hex>[:role,role]", for example
// "ci=sha256:9f86…:read,write; sha256:2c26…:read". Roles default to read.
func ParseAPIKeys(s string) ([]APIKey, error) {
	var out []APIKey
	for _, entry := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		var k APIKey
		if name, rest, ok := strings.Cut(entry, "="); ok {
			k.Name, entry = strings.TrimSpace(name), strings.TrimSpace(rest)
		}
		if !strings.HasPrefix(entry, "sha256:") {
			return nil, fmt.Errorf("API key entry %q: want [name=]sha256:<hex>[:role,role]", truncate(entry, 20))
		}
		hash, roles, _ := strings.Cut(strings.TrimPrefix(entry, "sha256:"), ":")
		k.Hash = "sha256:" + hash
		if roles == "" {
			k.Roles = []string{RoleRead}
		} else {
			for _, r := range strings.Split(roles, ",") {
				k.Roles = append(k.Roles, strings.TrimSpace(r))
			}
		}
		out = append(out, k)
	}
	return out, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Validate checks every value and returns every problem at once, as a
// *graph.ValidationError whose entries name the configuration keys.
func (c *Config) Validate() error {
	var ps []graph.Problem
	add := func(key, format string, args ...any) {
		ps = append(ps, graph.Problem{Entry: key, Message: fmt.Sprintf(format, args...)})
	}
	if c.Listen == "" {
		add("listen", "is required, such as \"localhost:8080\"")
	} else if _, port, err := net.SplitHostPort(c.Listen); err != nil || port == "" {
		add("listen", "must be host:port or :port, not %q", c.Listen)
	}
	switch c.Store {
	case StoreEmbedded:
		if c.DataDir == "" {
			add("data_dir", "is required for the embedded store")
		}
	case StoreNeo4j:
		if !strings.Contains(c.Neo4j.URI, "://") {
			add("neo4j.uri", "must be a URI such as bolt://localhost:7687 or neo4j://host:7687, not %q", c.Neo4j.URI)
		}
		if c.Neo4j.Database == "" {
			add("neo4j.database", "is required")
		}
	default:
		add("store", "must be embedded or neo4j, not %q", c.Store)
	}
	if c.Neo4j.ConnectTimeout <= 0 {
		add("neo4j.connect_timeout", "must be positive")
	}
	if c.Neo4j.QueryTimeout <= 0 {
		add("neo4j.query_timeout", "must be positive")
	}
	if c.Neo4j.LongTimeout <= 0 {
		add("neo4j.long_timeout", "must be positive")
	}
	switch c.Log.Level {
	case "debug", "info", "warn", "error":
	default:
		add("log.level", "must be debug, info, warn or error, not %q", c.Log.Level)
	}
	switch c.Log.Format {
	case "text", "json":
	default:
		add("log.format", "must be text or json, not %q", c.Log.Format)
	}
	for _, l := range []struct {
		key   string
		value int
	}{
		{"limits.max_hops", c.Limits.MaxHops}, {"limits.max_k", c.Limits.MaxK}, {"limits.max_paths", c.Limits.MaxPaths},
		{"limits.max_depth", c.Limits.MaxDepth}, {"limits.max_nodes", c.Limits.MaxNodes}, {"limits.max_seeds", c.Limits.MaxSeeds},
		{"limits.max_search", c.Limits.MaxSearch}, {"limits.max_relations", c.Limits.MaxRelations},
	} {
		if l.value < 1 {
			add(l.key, "must be at least 1, not %d", l.value)
		}
	}
	for _, l := range []struct {
		key   string
		value int64
	}{
		{"analysis.max_nodes", int64(c.Analysis.MaxNodes)}, {"analysis.max_relations", int64(c.Analysis.MaxRelations)},
		{"analysis.max_work", c.Analysis.MaxWork}, {"analysis.exact_betweenness_max", int64(c.Analysis.ExactBetweennessMax)},
		{"analysis.max_top", int64(c.Analysis.MaxTop)}, {"analysis.max_years", int64(c.Analysis.MaxYears)}, {"analysis.max_set", int64(c.Analysis.MaxSet)},
	} {
		if l.value < 1 {
			add(l.key, "must be at least 1, not %d", l.value)
		}
	}
	if c.Analysis.Samples < 10 {
		add("analysis.samples", "must be at least 10, not %d", c.Analysis.Samples)
	}
	if c.Analysis.Timeout <= 0 {
		add("analysis.timeout", "must be a positive duration such as \"2m\"")
	}
	if c.Analysis.CacheTTL < 0 {
		add("analysis.cache_ttl", "must be a duration such as \"1m\", or \"0s\" for no cache")
	}
	if c.Limits.MaxHops > 32 {
		add("limits.max_hops", "must be at most 32, not %d", c.Limits.MaxHops)
	}
	for _, d := range []struct {
		key   string
		value time.Duration
	}{
		{"http.request_timeout", c.HTTP.RequestTimeout}, {"http.stream_timeout", c.HTTP.StreamTimeout},
		{"http.read_header_timeout", c.HTTP.ReadHeaderTimeout}, {"http.read_timeout", c.HTTP.ReadTimeout},
		{"http.write_timeout", c.HTTP.WriteTimeout}, {"http.idle_timeout", c.HTTP.IdleTimeout},
		{"http.shutdown_timeout", c.HTTP.ShutdownTimeout},
	} {
		if d.value <= 0 {
			add(d.key, "must be a positive duration such as \"30s\"")
		}
	}
	// An analysis request may run for analysis.timeout and 10s to write
	// its answer (handlers' analysisGrace).
	if w := c.HTTP.WriteTimeout; w > 0 && (w < c.HTTP.RequestTimeout || w < c.HTTP.StreamTimeout || w < c.Analysis.Timeout+10*time.Second) {
		add("http.write_timeout", "(%s) must be at least http.request_timeout, http.stream_timeout and analysis.timeout + 10s, or responses are cut off", w)
	}
	if c.HTTP.MaxBodyBytes < 1024 {
		add("http.max_body_bytes", "must be at least 1024, not %d", c.HTTP.MaxBodyBytes)
	}
	for i, o := range c.HTTP.CORSOrigins {
		if o != "*" && !(strings.HasPrefix(o, "http://") || strings.HasPrefix(o, "https://")) || strings.HasSuffix(o, "/") {
			add(fmt.Sprintf("http.cors_origins[%d]", i), "must be \"*\" or an origin such as https://example.org (scheme and host, no path), not %q", o)
		}
	}
	names := map[string]bool{}
	for i, k := range c.APIKeys {
		entry := fmt.Sprintf("api_keys[%d]", i)
		if !apikey.ValidHash(k.Hash) {
			add(entry+".hash", "must be \"sha256:\" and 64 lower-case hex digits (make one with `actorgraph hash-key`); keys are never configured in clear")
		}
		if len(k.Roles) == 0 {
			add(entry+".roles", "must list at least one role: %s", apikey.RoleList())
		}
		for _, r := range k.Roles {
			if !apikey.ValidRole(r) {
				add(entry+".roles", "unknown role %q; roles are %s", r, apikey.RoleList())
			}
		}
		if k.Name != "" {
			if names[k.Name] {
				add(entry+".name", "duplicate key name %q", k.Name)
			}
			names[k.Name] = true
		}
	}
	if len(ps) == 0 {
		return nil
	}
	return &graph.ValidationError{Problems: ps}
}

// Masked returns a copy of c with its secrets replaced: the Neo4j password
// and the API key hashes.
func (c Config) Masked() Config {
	const mask = "********"
	if c.Neo4j.Password != "" {
		c.Neo4j.Password = mask
	}
	keys := make([]APIKey, len(c.APIKeys))
	for i, k := range c.APIKeys {
		k.Roles = slices.Clone(k.Roles)
		if k.Hash != "" {
			k.Hash = "sha256:" + mask
		}
		keys[i] = k
	}
	c.APIKeys = keys
	c.HTTP.CORSOrigins = slices.Clone(c.HTTP.CORSOrigins)
	return c
}

// WriteYAML writes c, masked, as a YAML document that could serve as an
// actorgraph.yaml.
func (c Config) WriteYAML(w io.Writer) error {
	m := c.Masked()
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&m); err != nil {
		return err
	}
	return enc.Close()
}
