using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using PeerBot.Profiles;
using PeerBot.Storage;
using PeerBot.Tests.Storage;

namespace PeerBot.Tests.Cli;

public sealed class ImportCliTests
{
    private const string Header = "id,name,email,title,organization,org_size,industry,timezone,topics\n";

    private readonly string _prefix = Azurite.UniquePrefix("import");

    private IConfiguration Configuration => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:ConnectionString"] = Azurite.ConnectionString,
        ["Storage:TablePrefix"] = _prefix,
    }).Build();

    private ProfileStore Store()
    {
        var service = new TableServiceClient(Azurite.ConnectionString);
        var names = new TableNames(_prefix);
        return new ProfileStore(service, names, ChangeLogs.For(service, names));
    }

    private async Task<List<Peer>> Stored()
    {
        var store = Store();
        var peers = new List<Peer>();
        await foreach (var peer in store.ListAsync(CancellationToken.None))
        {
            peers.Add(peer);
        }
        return [.. peers.OrderBy(p => p.Id, StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Import_loads_members_and_a_second_import_updates_by_id_without_duplicates()
    {
        using var first = new TempFile(Header + """
            a,Ana Silva,ana@contoso.com,"Vice President, Marketing",Contoso,300,Fintech,Europe/Lisbon,pricing; brand
            b,Bo Jensen,bo@gmail.com,CFO,"Fabrikam, Inc.",1200,,,
            c,Cy,cy@c.com,VP Sales,C,lots,,,
            """);
        var run = await CliRun.Of(Configuration, "import", "--file", first.Path);
        Assert.Equal(0, run.ExitCode);
        Assert.Equal($"Imported {first.Path}: 2 added, 0 updated, 0 unchanged, 1 bad row skipped.\n", run.Stdout);
        Assert.Equal("line 4: org_size 'lots' is not a headcount; row skipped\n", run.Stderr);

        var stored = await Stored();
        Assert.Equal(["a", "b"], stored.Select(p => p.Id));
        var ana = stored[0];
        Assert.Equal(("Ana Silva", "Vice President, Marketing", "Contoso", "domain:contoso.com", 300, "Fintech", "Europe/Lisbon", "import"),
            (ana.Name, ana.Title, ana.Organization, ana.OrganizationKey, ana.Headcount, ana.Industry, ana.TimeZone, ana.Channel));
        Assert.Equal(["pricing", "brand"], ana.Topics);
        Assert.True(ana.Discoverable);
        Assert.Equal(("name:fabrikam", "UTC"), (stored[1].OrganizationKey, stored[1].TimeZone));

        // The same file again changes nothing.
        run = await CliRun.Of(Configuration, "import", "--file", first.Path);
        Assert.Equal($"Imported {first.Path}: 0 added, 0 updated, 2 unchanged, 1 bad row skipped.\n", run.Stdout);
        Assert.Equal(2, (await Stored()).Count);

        // A member who chose to hide stays hidden when an edited file is imported.
        var store = Store();
        var hidden = await store.GetAsync("b", CancellationToken.None);
        await store.SaveAsync(hidden!.Peer with { Discoverable = false }, hidden.ETag, CancellationToken.None);
        using var second = new TempFile(Header + """
            a,Ana Silva,ana@contoso.com,Chief Marketing Officer,Contoso,300,Fintech,Europe/Lisbon,pricing;brand
            b,Bo Jensen,bo@gmail.com,CFO & COO,"Fabrikam, Inc.",1200,,,
            d,Dee,dee@d.com,Head of People,D,40,,,
            """);
        run = await CliRun.Of(Configuration, "import", "--file", second.Path);
        Assert.Equal($"Imported {second.Path}: 1 added, 2 updated, 0 unchanged, 0 bad rows skipped.\n", run.Stdout);
        stored = await Stored();
        Assert.Equal(["a", "b", "d"], stored.Select(p => p.Id));
        Assert.Equal("Chief Marketing Officer", stored[0].Title);
        Assert.Equal(("CFO & COO", false), (stored[1].Title, stored[1].Discoverable));
    }

    [Fact]
    public async Task Unreachable_storage_is_one_line_and_exit_code_1()
    {
        using var file = new TempFile(Header + "a,Ana,,CFO,A,10,,,\n");
        var port = Azurite.FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
                + $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;",
        }).Build();
        var run = await CliRun.Of(configuration, "import", "--file", file.Path);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("Storage failed: ", run.Stderr, StringComparison.Ordinal);
        Assert.Single(run.StderrLines);
    }
}
