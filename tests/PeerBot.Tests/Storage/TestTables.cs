using Azure.Data.Tables;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>A fresh bot-state table in the shared Azurite, so each test sees only its own rows.</summary>
internal sealed class TestTables
{
    private static readonly Lazy<TableServiceClient> SharedService = new(() => new TableServiceClient(Azurite.ConnectionString));

    private TestTables(TableNames names) => Names = names;

    public static TableServiceClient Service => SharedService.Value;

    public TableNames Names { get; }

    public TableClient BotState => Service.GetTableClient(Names.BotState);

    public static async Task<TestTables> CreateAsync(string hint)
    {
        var tables = new TestTables(new TableNames(Azurite.UniquePrefix(hint)));
        await Service.CreateTableAsync(tables.Names.BotState);
        return tables;
    }

    public TableBotStorage BotStorage() => new(Service, Names);

    public TableDocuments Documents() => new(BotState);

    /// <summary>The raw rows, to check how documents are laid out.</summary>
    public async Task<List<TableEntity>> RowsAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var row in BotState.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }
        return rows;
    }
}
