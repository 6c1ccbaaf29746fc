namespace PeerBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Azure Storage connection string; Azurite by default.</summary>
    public string ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>Prefix for every table and queue name, so several networks (or test runs) can share one account.</summary>
    public string TablePrefix { get; set; } = "peerbot";

    /// <summary>Every HTTP response names the storage calls its request made (<see cref="StorageCalls.Header"/>); for load runs.</summary>
    public bool ReportCalls { get; set; }
}
