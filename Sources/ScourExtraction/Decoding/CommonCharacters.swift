/// The most frequent characters of the scripts the legacy CJK encodings
/// carry. A wrong decoding of CJK bytes still "succeeds" more often than
/// not (GB18030 accepts almost any byte pair, Big5 and EUC-KR share most of
/// GBK's byte ranges) but yields rare characters; the right one yields these.
/// Roughly the top few hundred characters of news text, plus punctuation.
enum CommonCharacters {
    static let simplifiedChinese = scalars(
        "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
        + "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其"
        + "些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月"
        + "公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较"
        + "将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研校院举办届活动生师教授开幕讲座会议报告通知"
        + "，。、“”：；（）《》！？")

    static let traditionalChinese = scalars(
        "的一是不了人我在有他這中大來上國個到說們為子和你地出道也時年得就那要下以生會自著去之過家學對可她裡後小麼心多天而能好"
        + "都然沒日於起還發成事只作當想看文無開手十用主行方又如前所本見經頭面公同三已老從動兩長知民樣現分將外但身些與高意進把法"
        + "此實回二理美點月明其種聲全工己話兒者向情部正名定女問力機給等幾很業最間新什打便位因重被走電四第門相次東政海口使教西再"
        + "平真聽世氣信北少關並內加化由卻代軍產入先山五太水萬市眼體別處總才場師書比住員九笑性通目華報立馬命張活難神數件安表原車"
        + "白應路期叫死常提感金何更反合放做系計或司利受光王果親界及今京務制解各任至清物台象記邊共風戰接它許八特覺望直服"
        + "，。、「」：；（）《》！？")

    static let japanese = scalars(
        "のにはをたがでてとしれさるいかなすまこうもらりあっくよんきけちつおそめせどわえみばだじずごろほひアイウストルンクリラレ"
        + "ロシタッー日年人大本中出学会一者行生上事国時月分部合同新後前見自東京業長場社地子十二三間員内方定主手明高作成発関気対"
        + "入全問題理用開現性化私今彼何目物実言思度教研究。、「」・（）")

    static let korean = scalars(
        "이다의는에을하고가를한로지기서도사으대리수나정자인해있게시일국들적위어보아습니것과라원주부전구요제동상만장학화우여연경"
        + "성년방중소문회내그되할했된스교생공간실세발신관면개무비분선계터트안당미드같후받오유식말업현없재행진외물였통러금체단월"
        + "결강차법명조입운째까음합함점등씨")

    private static func scalars(_ text: String) -> Set<Unicode.Scalar> {
        Set(text.unicodeScalars)
    }
}
