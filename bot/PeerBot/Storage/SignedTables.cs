using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace PeerBot.Storage;

/// <summary>
/// The table client every feature shares, authorised by an account SAS it signs itself from the account key and signs
/// again every <see cref="Renewal"/>. Given the key, the SDK signs each request with a new HMAC object whose native
/// handle it leaves to the finalizer: under load that finalizing took a fifth of the bot's CPU
/// (docs/benchmarks.md). A SAS is signed once an hour instead, and each request only carries it. A connection
/// string without a key (one that is a SAS already) is used as it is.
/// </summary>
public sealed class SignedTables : IDisposable
{
    /// <summary>How long each signature is valid: a day and an hour, so a renewal that fails a few times costs nothing.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromHours(25);

    public static readonly TimeSpan Renewal = TimeSpan.FromHours(1);

    private readonly TableServiceClient _keyed;
    private readonly AzureSasCredential? _signature;
    private readonly ITimer? _renewal;
    private readonly TimeProvider _clock;

    /// <param name="clock">
    /// The machine's clock (the storage service checks the expiry against its own), never the app's: tests move that
    /// one days ahead.
    /// </param>
    public SignedTables(string connectionString, TableClientOptions options, TimeProvider clock)
    {
        _clock = clock;
        _keyed = new TableServiceClient(connectionString, options);
        string first;
        try
        {
            first = Sign();
        }
        catch (InvalidOperationException)
        {
            // No account key to sign with.
            Service = _keyed;
            return;
        }
        _signature = new AzureSasCredential(first);
        Service = new TableServiceClient(_keyed.Uri, _signature, options);
        _renewal = clock.CreateTimer(_ => _signature.Update(Sign()), null, Renewal, Renewal);
    }

    public TableServiceClient Service { get; }

    public void Dispose() => _renewal?.Dispose();

    private string Sign() =>
        _keyed.GenerateSasUri(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, _clock.GetUtcNow() + Validity).Query;
}
