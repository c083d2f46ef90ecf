using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using DacIndex = Microsoft.SqlServer.Dac.Model.Index;

namespace Prosperity.Etl.SqlServer.Tests;

/// <summary>
/// The schema and every runtime statement of the SQL Server dialect, compiled into one DacFx model
/// of SQL Server 2022 and validated: an unknown table or column anywhere fails here, without a server.
/// </summary>
public partial class SqlServerModelTests
{
    // T-SQL type of each runtime parameter, as the columns they bind to are declared.
    private static readonly Dictionary<string, string> ParameterTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Codes"] = "nvarchar(64)", ["DataStage"] = "nvarchar(16)", ["Code"] = "nvarchar(64)", ["NameZh"] = "nvarchar(200)", ["NameEn"] = "nvarchar(200)", ["Level"] = "nvarchar(20)",
        ["ParentCode"] = "nvarchar(16)", ["ValidFrom"] = "date", ["ValidTo"] = "date", ["SuccessorCode"] = "nvarchar(16)",
        ["Unit"] = "nvarchar(40)", ["Kind"] = "nvarchar(20)", ["Direction"] = "nvarchar(10)", ["RankPrecision"] = "int",
        ["PlausibleMin"] = "decimal(28,8)", ["PlausibleMax"] = "decimal(28,8)", ["Numerator"] = "nvarchar(64)", ["Denominator"] = "nvarchar(64)", ["Summable"] = "bit", ["AchievedBy"] = "nvarchar(64)",
        ["Key"] = "int", ["Year"] = "int", ["Quarter"] = "int", ["LabelZh"] = "nvarchar(40)", ["LabelEn"] = "nvarchar(40)",
        ["YtdStart"] = "date", ["PeriodEnd"] = "date", ["Sha256"] = "char(64)", ["RegionKey"] = "bigint", ["PeriodKey"] = "int",
        ["SubmissionId"] = "bigint", ["Now"] = "datetimeoffset(7)", ["NewId"] = "bigint", ["OldId"] = "bigint",
        ["FileName"] = "nvarchar(400)", ["FilePath"] = "nvarchar(2000)", ["Bytes"] = "bigint", ["RegionCode"] = "nvarchar(64)",
        ["PeriodCode"] = "nvarchar(64)", ["Status"] = "nvarchar(12)", ["ValueCount"] = "int", ["ErrorCount"] = "int",
        ["WarningCount"] = "int", ["Submitter"] = "nvarchar(200)", ["Contact"] = "nvarchar(200)", ["ReceivedAt"] = "datetimeoffset(7)",
        ["LoadedAt"] = "datetimeoffset(7)", ["IndicatorCode"] = "nvarchar(64)", ["Value"] = "decimal(28,8)", ["Explanation"] = "nvarchar(max)",
        ["Sheet"] = "nvarchar(200)", ["Cell"] = "nvarchar(32)", ["Severity"] = "nvarchar(8)", ["Found"] = "nvarchar(400)",
        ["Expected"] = "nvarchar(400)", ["MessageZh"] = "nvarchar(2000)", ["MessageEn"] = "nvarchar(2000)", ["Version"] = "nvarchar(64)",
        ["AsOf"] = "datetimeoffset(7)", ["Engine"] = "nvarchar(16)", ["LoadPath"] = "nvarchar(20)", ["FactCount"] = "int",
        ["StartedAt"] = "datetimeoffset(7)", ["FinishedAt"] = "datetimeoffset(7)",
        ["GroupCode"] = "nvarchar(64)", ["GroupNameZh"] = "nvarchar(200)", ["GroupNameEn"] = "nvarchar(200)", ["MeasureCode"] = "nvarchar(64)",
        ["IndicatorKey"] = "bigint", ["Ranked"] = "decimal(28,8)", ["Rank"] = "int", ["PeerCount"] = "int", ["Missing"] = "int",
        ["Growth"] = "decimal(28,8)", ["GrowthRank"] = "int", ["GrowthPeerCount"] = "int", ["PreviousRank"] = "int", ["RankChange"] = "int",
        ["Reference"] = "decimal(28,8)", ["ReferenceKind"] = "nvarchar(8)", ["ComputedAt"] = "datetimeoffset(7)", ["Title"] = "nvarchar(400)",
        ["FromKey"] = "int", ["ToKey"] = "int", ["GroupKey"] = "int", ["MeasureKey"] = "int", ["ReferenceIsTotal"] = "bit",
        ["RefreshId"] = "int", ["TableCount"] = "int", ["RowCount"] = "int",
        ["Action"] = "nvarchar(32)", ["Outcome"] = "nvarchar(8)", ["ReleaseId"] = "bigint", ["Actor"] = "nvarchar(200)",
        ["ActedAt"] = "datetimeoffset(7)", ["Note"] = "nvarchar(2000)", ["RecordedAt"] = "datetimeoffset(7)", ["DueOn"] = "date",
        ["DaysLate"] = "int", ["IsRevision"] = "bit", ["RestoredFrom"] = "bigint", ["SameAs"] = "bigint", ["ApprovedAt"] = "datetimeoffset(7)",
        ["ApprovedBy"] = "nvarchar(200)", ["SupersededBy"] = "bigint", ["Limit"] = "int",
    };

    /// <summary>Every SQL statement the dialect exposes (string properties holding more than a table name).</summary>
    public static IReadOnlyList<(string Name, string Sql)> RuntimeStatements()
    {
        var dialect = new SqlServerDialect();
        return typeof(SqlServerDialect).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, Sql: (string)p.GetValue(dialect)!))
            .Where(s => s.Sql.Contains(' ', StringComparison.Ordinal))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The statements of the ranking and bulletin stores over the SQL Server dialect (their protected
    /// string properties; a property holding only a table name is left out).
    /// </summary>
    public static IReadOnlyList<(string Name, string Sql)> StoreStatements()
    {
        var dialect = new SqlServerDialect();
        object[] stores = [new Data.RankingStore(null!, dialect, TimeProvider.System), new Data.BulletinStore(null!, dialect, TimeProvider.System)];
        return stores.SelectMany(store => store.GetType().GetProperties(BindingFlags.NonPublic | BindingFlags.Instance)
                .Where(p => p.PropertyType == typeof(string) && p.GetIndexParameters().Length == 0)
                .Select(p => (Name: store.GetType().Name + "_" + p.Name, Sql: (string)p.GetValue(store)!)))
            .Where(s => s.Sql.Contains(' ', StringComparison.Ordinal))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    [Fact]
    public void Validate_ShouldReportNothing_WhenTheMigrationsAndRuntimeStatementsAreLoaded()
    {
        using var model = SchemaModel();
        foreach (var (name, sql) in RuntimeStatements().Concat(StoreStatements()))
        {
            model.AddObjects(AsProcedure(name, sql));
        }

        var messages = model.Validate();

        Assert.True(messages.Count == 0, string.Join("\n", messages.Select(m => $"{m.Prefix}{m.Number}: {m.Message}")));
        Assert.Contains(RuntimeStatements(), s => s.Name == nameof(SqlServerDialect.InsertSubmission));
        Assert.True(RuntimeStatements().Count >= 16);
        Assert.Contains(StoreStatements(), s => s.Name == "RankingStore_InsertFact");
        Assert.Contains(StoreStatements(), s => s.Name == "BulletinStore_InsertBulletinSubmission");
        Assert.Equal(18, StoreStatements().Count);
    }

    [Fact]
    public void Validate_ShouldReportNothing_WhenTheSampleQueriesAreLoaded()
    {
        using var model = SchemaModel();
        var folder = Data.Tests.RepositoryFolder.Find("sql", "queries");
        var samples = Directory.GetFiles(folder, "*.sql").Order(StringComparer.Ordinal).ToList();
        foreach (var file in samples)
        {
            var name = "sample_" + Path.GetFileNameWithoutExtension(file);
            var sql = File.ReadAllText(file);
            Assert.Empty(SqlServerScriptTests.Parse(sql));
            model.AddObjects(AsProcedure(name, sql));
        }

        var messages = model.Validate();

        Assert.NotEmpty(samples);
        Assert.True(messages.Count == 0, string.Join("\n", messages.Select(m => $"{m.Prefix}{m.Number}: {m.Message}")));
    }

    [Fact]
    public void Validate_ShouldReportTheColumn_WhenARuntimeStatementNamesOneThatDoesNotExist()
    {
        using var model = SchemaModel();
        model.AddObjects(AsProcedure("Broken", "SELECT submission_id, no_such_column FROM etl.submission WHERE file_sha256 = @Sha256"));

        var messages = model.Validate();

        Assert.Contains(messages, m => m.Message.Contains("no_such_column", StringComparison.Ordinal));
    }

    [Fact]
    public void StageColumnMappings_ShouldNameEveryColumnOfTheStagingTable()
    {
        using var model = SchemaModel();
        var table = model.GetObject(ModelSchema.Table, new ObjectIdentifier("etl", "stage_fact_indicator_value"), DacQueryScopes.UserDefined);
        Assert.NotNull(table);
        var columns = table.GetReferenced(Table.Columns).Select(c => c.Name.Parts[^1]).ToList();

        var destinations = SqlServerWarehouse.StageColumnMappings.Select(m => m.Destination).ToList();

        Assert.Equal(columns.Order(StringComparer.Ordinal), destinations.Order(StringComparer.Ordinal));
        Assert.Equal(Data.SqlDialect.StageFactColumns, destinations);
    }

    [Fact]
    public void CurrentSubmissionIndex_ShouldKeepOneCurrentReturnPerRegionAndPeriod_WhenAllScriptsAreApplied()
    {
        using var model = SchemaModel();

        var index = model.GetObjects(DacQueryScopes.UserDefined, DacIndex.TypeClass).Single(i => i.Name.Parts[^1] == "ux_submission_current");

        Assert.True(index.GetProperty<bool>(DacIndex.Unique));
        Assert.Equal(["region_key", "period_key", "source_kind"], index.GetReferenced(DacIndex.Columns).Select(c => c.Name.Parts[^1]));
        Assert.Contains("N'return'", index.GetScript(), StringComparison.Ordinal); // one table per topic may be current (0024)
        Assert.Contains("source_title", model.GetObject(ModelSchema.Table, new ObjectIdentifier("etl", "submission"), DacQueryScopes.UserDefined)
            .GetReferenced(Table.Columns).Select(c => c.Name.Parts[^1]));
    }

    [Fact]
    public void FactTable_ShouldHaveANonclusteredColumnstoreIndex()
    {
        using var model = SchemaModel();

        var index = model.GetObjects(DacQueryScopes.UserDefined, ColumnStoreIndex.TypeClass)
            .SingleOrDefault(i => i.Name.Parts[^1] == "ncci_fact_indicator_value");

        Assert.NotNull(index);
        Assert.False(index.GetProperty<bool>(ColumnStoreIndex.Clustered));
    }

    internal static TSqlModel SchemaModel()
    {
        var model = new TSqlModel(SqlServerVersion.Sql160, new TSqlModelOptions());
        // A DacFx model takes one object definition per batch, as SSDT projects do: the scripts are
        // split with ScriptDom (which is how DbUp's GO batches look to the server anyway) and their
        // ALTER and DROP statements replayed onto the definitions, which a model does not accept.
        foreach (var statement in SchemaStatements(SqlServerMigrator.Scripts().Select(s => s.Text)))
        {
            model.AddObjects(statement);
        }

        return model;
    }

    /// <summary>
    /// The schema the scripts leave, in their order, as one CREATE per object: ALTER TABLE ... ADD is
    /// folded into its CREATE TABLE, DROP INDEX, DROP VIEW and DROP TABLE (with its indexes) remove the earlier CREATE.
    /// </summary>
    private static bool Same(Identifier? a, Identifier? b) => a is not null && b is not null && string.Equals(a.Value, b.Value, StringComparison.OrdinalIgnoreCase);

    internal static IReadOnlyList<string> SchemaStatements(IEnumerable<string> scripts)
    {
        var statements = new List<TSqlStatement>();
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var script in scripts)
        {
            using var reader = new StringReader(script);
            var fragment = (TSqlScript)parser.Parse(reader, out var errors);
            Assert.Empty(errors);
            foreach (var statement in fragment.Batches.SelectMany(b => b.Statements))
            {
                switch (statement)
                {
                    case AlterTableAddTableElementStatement alter:
                        var table = statements.OfType<CreateTableStatement>().Single(t => NameOf(t.SchemaObjectName) == NameOf(alter.SchemaObjectName));
                        foreach (var column in alter.Definition.ColumnDefinitions)
                        {
                            table.Definition.ColumnDefinitions.Add(column);
                        }

                        foreach (var constraint in alter.Definition.TableConstraints)
                        {
                            table.Definition.TableConstraints.Add(constraint);
                        }

                        break;
                    case AlterTableDropTableElementStatement dropElement:
                        var owner = statements.OfType<CreateTableStatement>().Single(t => NameOf(t.SchemaObjectName) == NameOf(dropElement.SchemaObjectName));
                        foreach (var element in dropElement.AlterTableDropTableElements)
                        {
                            Assert.Equal(TableElementType.Constraint, element.TableElementType);
                            var removed = owner.Definition.TableConstraints.ToList().RemoveAll(c => Same(c.ConstraintIdentifier, element.Name));
                            foreach (var constraint in owner.Definition.TableConstraints.Where(c => Same(c.ConstraintIdentifier, element.Name)).ToList())
                            {
                                owner.Definition.TableConstraints.Remove(constraint);
                            }

                            foreach (var column in owner.Definition.ColumnDefinitions)
                            {
                                foreach (var constraint in column.Constraints.Where(c => Same(c.ConstraintIdentifier, element.Name)).ToList())
                                {
                                    column.Constraints.Remove(constraint);
                                    removed++;
                                }
                            }

                            Assert.Equal(1, removed);
                        }

                        break;
                    case DropIndexStatement drop:
                        foreach (var clause in drop.DropIndexClauses.OfType<DropIndexClause>())
                        {
                            Assert.Equal(1, statements.RemoveAll(st => st is CreateIndexStatement i
                                && string.Equals(i.Name.Value, clause.Index.Value, StringComparison.OrdinalIgnoreCase)
                                && NameOf(i.OnName) == NameOf(clause.Object)));
                        }

                        break;
                    case DropViewStatement drop:
                        foreach (var name in drop.Objects)
                        {
                            Assert.Equal(1, statements.RemoveAll(st => st is CreateViewStatement v && NameOf(v.SchemaObjectName) == NameOf(name)));
                        }

                        break;
                    case DropTableStatement drop:
                        foreach (var name in drop.Objects.Where(o => !o.BaseIdentifier.Value.StartsWith('#')))
                        {
                            Assert.Equal(1, statements.RemoveAll(st => st is CreateTableStatement t && NameOf(t.SchemaObjectName) == NameOf(name)));
                            statements.RemoveAll(st => st is CreateIndexStatement i && NameOf(i.OnName) == NameOf(name));
                        }

                        break;
                    case AlterTableStatement or DropObjectsStatement:
                        Assert.Fail($"Teach {nameof(SchemaStatements)} to replay {statement.GetType().Name}.");
                        break;
                    default:
                        statements.Add(statement);
                        break;
                }
            }
        }

        var generator = new Sql160ScriptGenerator();
        return statements.Select(st =>
        {
            generator.GenerateScript(st, out var text);
            return text;
        }).ToList();
    }

    private static string NameOf(SchemaObjectName name) =>
        $"{name.SchemaIdentifier?.Value ?? "dbo"}.{name.BaseIdentifier.Value}".ToUpperInvariant();

    internal static IEnumerable<string> Statements(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = (TSqlScript)parser.Parse(reader, out var errors);
        Assert.Empty(errors);
        return fragment.Batches.SelectMany(b => b.Statements).Select(st => script.Substring(st.StartOffset, st.FragmentLength)).ToList();
    }

    /// <summary>Wraps a statement in a procedure that declares its parameters, so DacFx resolves every name in it.</summary>
    internal static string AsProcedure(string name, string sql)
    {
        var parameters = Parameter().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var unknown = parameters.Where(p => !ParameterTypes.ContainsKey(p)).ToList();
        Assert.True(unknown.Count == 0, $"{name}: give the T-SQL type of parameter(s) {string.Join(", ", unknown)} in {nameof(ParameterTypes)}.");
        var declared = string.Join(",\n    ", parameters.Select(p => $"@{p} {ParameterTypes[p]}"));

        // Dapper expands a list parameter (IN @Codes) into (@Codes1, @Codes2...); one item stands for the list here.
        sql = System.Text.RegularExpressions.Regex.Replace(sql, @"\bIN @(\w+)", "IN (@$1)");
        return $"""
            CREATE PROCEDURE dbo.check_{name}
                {declared}
            AS
            BEGIN
                SET NOCOUNT ON;
                {sql.TrimEnd().TrimEnd(';')};
            END
            """;
    }

    [GeneratedRegex(@"@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Parameter();
}
