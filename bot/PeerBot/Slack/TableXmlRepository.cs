using System.Xml.Linq;
using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.DataProtection.Repositories;
using PeerBot.Storage;

namespace PeerBot.Slack;

/// <summary>
/// Keeps the Data Protection key ring in Table Storage, so every instance (and every restart) can decrypt
/// the bot tokens the others encrypted.
/// </summary>
public sealed class TableXmlRepository(TableServiceClient service, TableNames names) : IXmlRepository
{
    private const string Partition = "keys";
    private readonly TableClient _table = service.GetTableClient(names.DataProtectionKeys);
    private volatile bool _ensured;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        Ensure();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        return _table.Query<TableEntity>(filter).Select(row => XElement.Parse(row.GetString("Xml") ?? "<empty />")).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        Ensure();
        var entity = new TableEntity(Partition, TableKeys.Escape(friendlyName))
        {
            ["Xml"] = element.ToString(SaveOptions.DisableFormatting),
        };
        _table.UpsertEntity(entity, TableUpdateMode.Replace);
    }

    // Data Protection may read the key ring before the table provisioner has run.
    private void Ensure()
    {
        if (_ensured)
        {
            return;
        }
        try
        {
            _table.CreateIfNotExists();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Created concurrently.
        }
        _ensured = true;
    }
}
