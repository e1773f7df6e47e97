using Verdict.Salesforce.Events;

namespace Verdict.Salesforce.Tests;

/// <summary>Object and fields of the SOQL that real-time events log.</summary>
public sealed class SoqlTests
{
    [Fact]
    public void The_object_and_selected_fields_are_read()
    {
        var (obj, fields) = Soql.Parse("SELECT Name, Email, Account.Name FROM Contact WHERE Email != null")!.Value;
        Assert.Equal("Contact", obj);
        Assert.Equal(["Name", "Email", "Account.Name"], fields);
    }

    [Fact]
    public void Aggregates_and_sub_queries_name_no_field_of_the_object()
    {
        var (obj, fields) = Soql.Parse("select COUNT(Id), Name, (SELECT Id FROM Contacts) from Account")!.Value;
        Assert.Equal("Account", obj);
        Assert.Equal(["Name"], fields);
    }

    [Fact]
    public void Text_that_is_not_a_query_gives_nothing() => Assert.Null(Soql.Parse("describeSObjects"));
}
