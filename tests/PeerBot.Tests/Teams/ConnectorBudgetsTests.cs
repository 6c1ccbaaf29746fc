using System.Text;
using PeerBot.Teams;

namespace PeerBot.Tests.Teams;

/// <summary>Which tenant's pace an outgoing activity counts against, read from the body the SDK sends.</summary>
public sealed class ConnectorBudgetsTests
{
    [Theory]
    [InlineData("""{"type":"message","conversation":{"id":"c","tenantId":"t-conv"},"attachments":[{"content":{"body":[{"text":"x"}]}}],"channelData":{"tenant":{"id":"t-data"}}}""", "t-conv")]
    [InlineData("""{"channelData":{"team":{"id":"x"},"tenant":{"id":"t-data"}},"conversation":{"id":"c","tenantId":"t-conv"}}""", "t-conv")]
    [InlineData("""{"conversation":{"id":"c"},"channelData":{"tenant":{"id":"t-data"}}}""", "t-data")]
    [InlineData("""{"conversation":{"id":"c","tenantId":42},"channelData":{"tenant":{"id":"t-data","name":{"deep":[1,2,{"tenantId":"no"}]}}}}""", "t-data")]
    [InlineData("""{"attachments":[{"conversation":{"tenantId":"nested, not ours"}}],"conversation":"not an object"}""", null)]
    [InlineData("""[{"conversation":{"tenantId":"t"}}]""", null)]
    [InlineData("""{"conversation":{"tenantId":"t-cut""", null)]
    [InlineData("", null)]
    public void The_tenant_is_the_conversations_else_the_channel_datas(string body, string? tenant) =>
        Assert.Equal(tenant, ConnectorBudgets.TenantOf(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public async Task A_card_reply_counts_against_its_tenant_and_its_conversation_and_stays_readable_for_the_send()
    {
        var card = new string('x', 40_000);
        var json = $$"""{"type":"message","conversation":{"id":"a:1","tenantId":"contoso"},"attachments":[{"content":"{{card}}"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://smba.trafficmanager.net/amer/v3/conversations/a%3A1/activities/5")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };

        var budgets = await ConnectorBudgets.ForAsync(request, 50, CancellationToken.None);

        Assert.Equal(["teams-tenant:contoso", "teams-conversation:a:1"], budgets.Select(b => b.Key));
        Assert.Equal(json, await request.Content.ReadAsStringAsync());
    }
}
