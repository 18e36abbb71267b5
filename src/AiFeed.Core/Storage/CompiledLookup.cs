using LiteDB;

namespace AiFeed.Storage;

/// <summary>
/// A "field IN @0" filter parsed and compiled once. LiteDB compiles every new expression to a
/// dynamic method, and creating and finalising those per lookup showed as ~8 % of a cold poll's
/// CPU. The values are set per use; that is safe because every use holds the storage gate.
/// </summary>
internal sealed class CompiledLookup(string expression)
{
    private readonly BsonExpression compiled = BsonExpression.Create(expression);

    public BsonExpression With(IEnumerable<string> values)
    {
        compiled.Parameters["0"] = new BsonArray(values.Select(v => new BsonValue(v)));
        return compiled;
    }
}
