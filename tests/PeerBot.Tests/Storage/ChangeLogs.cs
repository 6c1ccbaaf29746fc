using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>Change logs for tests that build stores by hand, as the app's container does.</summary>
public static class ChangeLogs
{
    public static ChangeLog For(TableServiceClient service, TableNames names, TimeProvider? clock = null, ChangeLogOptions? options = null) =>
        new(service, names, clock ?? TimeProvider.System, Options.Create(options ?? new ChangeLogOptions()));
}
