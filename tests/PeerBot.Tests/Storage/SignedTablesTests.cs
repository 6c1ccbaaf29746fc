using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using PeerBot.Storage;

namespace PeerBot.Tests.Storage;

/// <summary>Table calls carry an account SAS signed once, not a per-request shared-key signature, and the SAS is signed again before it expires.</summary>
public sealed class SignedTablesTests
{
    [Fact]
    public async Task Calls_carry_a_signature_made_once_and_renewed_every_hour()
    {
        var seen = new Requests();
        var options = new TableClientOptions();
        options.AddPolicy(seen, HttpPipelinePosition.PerRetry);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var tables = new SignedTables(Azurite.ConnectionString, options, clock);
        var table = tables.Service.GetTableClient(Azurite.UniquePrefix("signed"));

        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "1"));
        var first = seen.Signatures();
        clock.Advance(SignedTables.Renewal);
        await table.AddEntityAsync(new TableEntity("p", "2"));
        var row = await table.GetEntityAsync<TableEntity>("p", "1");

        Assert.Equal("1", row.Value.RowKey);
        Assert.All(seen.Authorizations, header => Assert.Null(header));
        Assert.Single(first.Distinct());
        var all = seen.Signatures();
        Assert.Equal(2, all.Distinct().Count());
        Assert.NotEqual(first[0], all[^1]);
    }

    [Fact]
    public async Task A_connection_string_that_is_a_SAS_already_is_used_as_it_is()
    {
        var account = new TableServiceClient(Azurite.ConnectionString);
        var query = account.GenerateSasUri(Azure.Data.Tables.Sas.TableAccountSasPermissions.All, Azure.Data.Tables.Sas.TableAccountSasResourceTypes.All, DateTimeOffset.UtcNow.AddHours(1)).Query;
        var connection = $"TableEndpoint={account.Uri};SharedAccessSignature={query.TrimStart('?')}";

        using var tables = new SignedTables(connection, new TableClientOptions(), TimeProvider.System);
        var table = tables.Service.GetTableClient(Azurite.UniquePrefix("sasgiven"));
        await table.CreateIfNotExistsAsync();
        await table.AddEntityAsync(new TableEntity("p", "1"));

        Assert.Equal("1", (await table.GetEntityAsync<TableEntity>("p", "1")).Value.RowKey);
    }

    private sealed class Requests : HttpPipelineSynchronousPolicy
    {
        private readonly List<(string? Authorization, string? Signature)> _seen = [];

        public IReadOnlyList<string?> Authorizations
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen.Select(s => s.Authorization)];
                }
            }
        }

        public List<string?> Signatures()
        {
            lock (_seen)
            {
                return [.. _seen.Select(s => s.Signature)];
            }
        }

        public override void OnSendingRequest(HttpMessage message)
        {
            var authorization = message.Request.Headers.TryGetValue("Authorization", out var value) ? value : null;
            var signature = System.Web.HttpUtility.ParseQueryString(message.Request.Uri.Query)["sig"];
            lock (_seen)
            {
                _seen.Add((authorization, signature));
            }
        }
    }
}
