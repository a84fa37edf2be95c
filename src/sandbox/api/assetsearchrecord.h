#pragma once

#include "core/search/searchrecord.h"
#include "sandbox/environmentconfig.h"
#include "store/asset.h"

namespace stratus::sandbox {

/// A stored asset as the search evaluator reads it (core/search/searchrecord.h), by folder mode:
/// fixed mode's folder is the public id's path, dynamic mode's is asset_folder.
class AssetSearchRecord final : public core::search::SearchRecord
{
public:
    AssetSearchRecord(const Asset &asset, FolderMode mode)
        : m_asset(&asset)
        , m_mode(mode)
    {
    }

    [[nodiscard]] const Asset &asset() const { return *m_asset; }

    [[nodiscard]] QString text(core::search::Field field) const override;
    [[nodiscard]] std::optional<double> number(core::search::Field field) const override;
    [[nodiscard]] QDateTime dateTime(core::search::Field field) const override;
    [[nodiscard]] QStringList tags() const override { return m_asset->tags; }
    [[nodiscard]] QString contextValue(QStringView key) const override;
    [[nodiscard]] QStringList contextValues() const override;
    [[nodiscard]] QStringList metadataValues(QStringView key) const override;

private:
    const Asset *m_asset;
    FolderMode m_mode;
};

} // namespace stratus::sandbox
