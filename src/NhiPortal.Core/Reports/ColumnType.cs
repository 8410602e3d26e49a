namespace NhiPortal.Core.Reports;

public enum ColumnType
{
    Text,
    Integer,
    Number,
    DateTime,
    Boolean,
}
